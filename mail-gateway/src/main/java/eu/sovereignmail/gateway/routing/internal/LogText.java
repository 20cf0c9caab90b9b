package eu.sovereignmail.gateway.routing.internal;

/**
 * Free text (alert summaries, admin reasons, remote replies) made safe for one key=value log line: no line breaks or
 * control characters that could forge another line, no double quote that would end the quoted field early.
 */
public final class LogText {
  private LogText() {}

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
