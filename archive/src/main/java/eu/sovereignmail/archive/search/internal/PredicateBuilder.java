package eu.sovereignmail.archive.search.internal;

import static eu.sovereignmail.archive.search.internal.ArchivedMessageEntity.F_ATTACHMENT_NAME;
import static eu.sovereignmail.archive.search.internal.ArchivedMessageEntity.F_ATTACHMENT_TEXT;
import static eu.sovereignmail.archive.search.internal.ArchivedMessageEntity.F_BCC;
import static eu.sovereignmail.archive.search.internal.ArchivedMessageEntity.F_BODY;
import static eu.sovereignmail.archive.search.internal.ArchivedMessageEntity.F_CC;
import static eu.sovereignmail.archive.search.internal.ArchivedMessageEntity.F_FROM;
import static eu.sovereignmail.archive.search.internal.ArchivedMessageEntity.F_SUBJECT;
import static eu.sovereignmail.archive.search.internal.ArchivedMessageEntity.F_TO;

import eu.sovereignmail.archive.search.QueryField;
import eu.sovereignmail.archive.search.QueryNode;
import eu.sovereignmail.archive.search.SearchRefusedException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.hibernate.search.engine.search.predicate.dsl.BooleanPredicateClausesStep;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;

/**
 * Turns a parsed query into index predicates: which fields each operator searches, what a bare word
 * covers, and which operators an actor without a legal role may not use. Words are matched as phrases
 * of their tokens, so {@code alice@example.eu} must appear as one address, not as three loose words.
 */
public final class PredicateBuilder {
  private static final String[] DEFAULT_FIELDS = {F_SUBJECT, F_BODY, F_FROM, F_TO, F_CC, F_ATTACHMENT_NAME,
      F_ATTACHMENT_TEXT};

  private final SearchPredicateFactory f;
  private final boolean seesEnvelope;

  public PredicateBuilder(SearchPredicateFactory f, boolean seesEnvelope) {
    this.f = f;
    this.seesEnvelope = seesEnvelope;
  }

  /** Checks, without an index, that {@code node} uses only what the actor may search. */
  public static void checkAllowed(QueryNode node, boolean seesEnvelope) {
    switch (node) {
      case QueryNode.All all -> all.parts().forEach(p -> checkAllowed(p, seesEnvelope));
      case QueryNode.Any any -> any.parts().forEach(p -> checkAllowed(p, seesEnvelope));
      case QueryNode.Not not -> checkAllowed(not.part(), seesEnvelope);
      case QueryNode.Text text when text.field() == QueryField.BCC && !seesEnvelope ->
          throw new SearchRefusedException("bcc: searches envelope recipients, which only the legal roles may see",
              text.position());
      default -> { }
    }
  }

  public PredicateFinalStep build(QueryNode node) {
    return switch (node) {
      case QueryNode.All all -> {
        if (all.parts().stream().allMatch(p -> p instanceof QueryNode.Not)) {
          BooleanPredicateClausesStep<?, ?> bool = f.bool().must(f.matchAll());
          all.parts().forEach(p -> bool.mustNot(build(((QueryNode.Not) p).part())));
          yield bool;
        }
        var and = f.and();
        all.parts().forEach(p -> and.add(build(p)));
        yield and;
      }
      case QueryNode.Any any -> {
        var or = f.or();
        any.parts().forEach(p -> or.add(build(p)));
        yield or;
      }
      case QueryNode.Not not -> f.bool().must(f.matchAll()).mustNot(build(not.part()));
      case QueryNode.Text text -> text(text);
      case QueryNode.DateRange range -> {
        var field = f.range().field(ArchivedMessageEntity.F_DATE);
        if (range.from() != null && range.until() != null) {
          yield field.between(start(range.from()), org.hibernate.search.util.common.data.RangeBoundInclusion.INCLUDED,
              start(range.until()), org.hibernate.search.util.common.data.RangeBoundInclusion.EXCLUDED);
        }
        yield range.from() != null ? field.atLeast(start(range.from())) : field.lessThan(start(range.until()));
      }
      case QueryNode.SizeRange size -> f.range().field(ArchivedMessageEntity.F_SIZE).between(size.min(), size.max());
      case QueryNode.HasAttachment has -> f.match().field(ArchivedMessageEntity.F_HAS_ATTACHMENT).matching(true);
      case QueryNode.DirectionIs direction -> f.match().field(ArchivedMessageEntity.F_DIRECTION)
          .matching(direction.direction().name().toLowerCase(Locale.ROOT));
    };
  }

  private PredicateFinalStep text(QueryNode.Text text) {
    if (text.field() == QueryField.MESSAGEID) {
      return f.match().field(ArchivedMessageEntity.F_MESSAGE_ID)
          .matching(ArchivedMessageEntity.normalizeMessageId(text.text()));
    }
    if (text.field() == QueryField.BCC && !seesEnvelope) {
      throw new SearchRefusedException("bcc: searches envelope recipients, which only the legal roles may see",
          text.position());
    }
    String[] fields = fields(text.field());
    if (text.prefix()) {
      return f.prefix().fields(fields).matching(text.text().toLowerCase(Locale.ROOT));
    }
    return f.phrase().fields(fields).matching(text.text());
  }

  private String[] fields(QueryField field) {
    return switch (field) {
      case ANY -> DEFAULT_FIELDS;
      case FROM -> new String[] {F_FROM};
      case TO -> new String[] {F_TO};
      case CC -> new String[] {F_CC};
      case BCC -> new String[] {F_BCC};
      case PARTICIPANT -> seesEnvelope ? new String[] {F_FROM, F_TO, F_CC, F_BCC} : new String[] {F_FROM, F_TO, F_CC};
      case SUBJECT -> new String[] {F_SUBJECT};
      case BODY -> new String[] {F_BODY};
      case ATTACHMENT -> new String[] {F_ATTACHMENT_NAME, F_ATTACHMENT_TEXT};
      case FILENAME -> new String[] {F_ATTACHMENT_NAME};
      case MESSAGEID -> new String[] {ArchivedMessageEntity.F_MESSAGE_ID};
    };
  }

  /** Dates in queries are days in UTC. */
  private static java.time.Instant start(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
