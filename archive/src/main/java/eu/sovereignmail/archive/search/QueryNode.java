package eu.sovereignmail.archive.search;

import eu.sovereignmail.archive.journal.Direction;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed archive query: a small tree that the search engine turns into index predicates. Pure data,
 * so the language can be tested without an index. {@link #render()} gives a canonical text form.
 */
public sealed interface QueryNode {

  /** The canonical form, e.g. {@code (from:"alice" -subject:"draft")}. */
  String render();

  /** Every part must match (terms side by side, or {@code AND}). */
  record All(List<QueryNode> parts) implements QueryNode {
    public All {
      parts = List.copyOf(parts);
    }

    @Override
    public String render() {
      return parts.stream().map(QueryNode::render).collect(Collectors.joining(" ", "(", ")"));
    }
  }

  /** At least one part must match ({@code OR}). */
  record Any(List<QueryNode> parts) implements QueryNode {
    public Any {
      parts = List.copyOf(parts);
    }

    @Override
    public String render() {
      return parts.stream().map(QueryNode::render).collect(Collectors.joining(" OR ", "(", ")"));
    }
  }

  /** The part must not match ({@code -term}, {@code NOT term}). */
  record Not(QueryNode part) implements QueryNode {
    @Override
    public String render() {
      return "-" + part.render();
    }
  }

  /**
   * Words in a text field.
   *
   * @param phrase true when quoted: the words must be adjacent, in order
   * @param prefix true for a trailing {@code *} on a bare word: any word starting with {@code text}
   * @param position where the term starts in the query
   */
  record Text(QueryField field, String text, boolean phrase, boolean prefix, int position) implements QueryNode {
    @Override
    public String render() {
      String value = prefix ? text + "*" : "\"" + text + "\"";
      return field == QueryField.ANY ? value : field.operator() + ":" + value;
    }
  }

  /** The message date within [{@code from}, {@code until}); either end may be open ({@code null}). */
  record DateRange(LocalDate from, LocalDate until, int position) implements QueryNode {
    @Override
    public String render() {
      return "date:[" + (from == null ? "*" : from) + "," + (until == null ? "*" : until) + ")";
    }
  }

  /** The raw message size in bytes within [{@code min}, {@code max}], both inclusive. */
  record SizeRange(long min, long max, int position) implements QueryNode {
    @Override
    public String render() {
      return "size:[" + min + "," + (max == Long.MAX_VALUE ? "*" : Long.toString(max)) + "]";
    }
  }

  /** The message has at least one attachment. */
  record HasAttachment(int position) implements QueryNode {
    @Override
    public String render() {
      return "has:attachment";
    }
  }

  /** The message crossed the gateway in this direction (on any of its journal copies). */
  record DirectionIs(Direction direction, int position) implements QueryNode {
    @Override
    public String render() {
      return "direction:" + direction.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
