package eu.sovereignmail.archive.cases.internal;

import eu.sovereignmail.archive.cases.Cases;
import eu.sovereignmail.archive.cases.CustodianQueries;
import eu.sovereignmail.archive.export.QueryResolver;
import eu.sovereignmail.archive.search.Actor;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What an export may select, by the case rules: a {@code legal-admin}'s query as it is; a {@code legal} user's query
 * limited to the custodians of their open cases, its matches checked again against them; explicit ids only when the
 * user may read each one.
 */
public final class CaseQueries implements QueryResolver {
  private static final String ACTION = "export.start";

  private final Cases cases;
  private final Function<String, Set<Long>> index;

  /** @param index every archived message id a query matches (the search index, unaudited) */
  public CaseQueries(Cases cases, Function<String, Set<Long>> index) {
    this.cases = Objects.requireNonNull(cases, "cases");
    this.index = Objects.requireNonNull(index, "index");
  }

  @Override
  public Set<Long> matchingIds(Actor actor, String query) {
    Optional<Set<String>> custodians = cases.custodianScope(actor, ACTION);
    if (custodians.isEmpty()) {
      return index.apply(query);
    }
    return cases.readable(actor, index.apply(CustodianQueries.limitedTo(query, custodians.get())), ACTION);
  }

  @Override
  public void requireReadable(Actor actor, Collection<Long> ids) {
    Set<Long> readable = cases.readable(actor, ids, ACTION);
    for (long id : ids) {
      if (!readable.contains(id)) {
        cases.requireReadable(actor, id, ACTION); // refuses (recorded) a message outside the cases
      }
    }
  }
}
