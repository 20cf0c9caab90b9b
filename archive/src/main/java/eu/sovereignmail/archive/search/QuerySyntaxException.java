package eu.sovereignmail.archive.search;

/**
 * A query that cannot be understood, with the character position of the problem so a person can be
 * shown where it is ({@link #pointer(String)}).
 */
public final class QuerySyntaxException extends IllegalArgumentException {
  private final String reason;
  private final int position;

  public QuerySyntaxException(String reason, int position) {
    super(reason + " (at position " + (position + 1) + ")");
    this.reason = reason;
    this.position = position;
  }

  /** What is wrong, in words for the person who typed it. */
  public String reason() {
    return reason;
  }

  /** Zero-based character offset in the query where the problem starts. */
  public int position() {
    return position;
  }

  /** The query on one line and a caret under the problem on the next, for a terminal or a form. */
  public String pointer(String query) {
    return query + "\n" + " ".repeat(Math.max(0, Math.min(position, query.length()))) + "^";
  }
}
