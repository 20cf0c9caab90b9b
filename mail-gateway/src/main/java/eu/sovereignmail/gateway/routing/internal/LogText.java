package eu.sovereignmail.gateway.routing.internal;

/**
 * Free text (alert summaries, admin reasons, remote replies) made safe for one key=value log line: no line breaks or
 * control characters that could forge another line, no double quote that would end the quoted field early.
 */
public final class LogText {
  private LogText() {}

  /** The text bare when it is one plain token (an address, a domain), else {@link #quoted}. */
  public static String value(String text) {
    boolean plain = !text.isEmpty() && text.codePoints()
        .noneMatch(c -> c == '"' || c == '=' || Character.isWhitespace(c) || Character.isISOControl(c));
    return plain ? text : quoted(text);
  }

  /** The text in double quotes, line breaks and control characters as spaces, inner double quotes as single ones. */
  public static String quoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    text.codePoints().forEach(c -> {
      if (c == '"') {
        out.append('\'');
      } else if (Character.isISOControl(c)) {
        out.append(' ');
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.append('"').toString();
  }
}
