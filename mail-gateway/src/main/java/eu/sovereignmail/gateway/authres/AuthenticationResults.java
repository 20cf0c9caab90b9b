package eu.sovereignmail.gateway.authres;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Authentication-Results} field (RFC 8601) the gateway adds to inbound mail, and the test that tells
 * whether an incoming one claims our authserv-id (such fields are forged or stale and are removed, RFC 8601 5).
 */
public final class AuthenticationResults {
  public static final String FIELD = "Authentication-Results";

  private AuthenticationResults() {}

  /** The field, folded one method per line, ending in CRLF. */
  public static byte[] field(String authservId, SpfResult spf, List<DkimResult> dkim, DmarcResult dmarc) {
    List<String> parts = new ArrayList<>();
    parts.add("spf=" + spf.result() + " " + spf.property() + "=" + value(spf.identity()));
    for (DkimResult d : dkim) {
      StringBuilder part = new StringBuilder("dkim=").append(d.result());
      if (d.reason() != null && !d.pass() && !d.result().equals("none")) {
        part.append(" (").append(comment(d.reason())).append(')');
      }
      if (d.domain() != null) {
        part.append(" header.d=").append(d.domain());
      }
      if (d.selector() != null) {
        part.append(" header.s=").append(value(d.selector()));
      }
      if (d.b() != null) {
        part.append(" header.b=").append(value(d.b()));
      }
      parts.add(part.toString());
    }
    StringBuilder dmarcPart = new StringBuilder("dmarc=").append(dmarc.result());
    if (dmarc.domain() != null) {
      dmarcPart.append(" (p=").append(dmarc.policy()).append(") header.from=").append(dmarc.domain());
    }
    parts.add(dmarcPart.toString());
    return (FIELD + ": " + authservId + ";\r\n\t" + String.join(";\r\n\t", parts) + "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /** True when the field value's authserv-id (its first token) is {@code authservId}. */
  public static boolean claims(String fieldValue, String authservId) {
    String text = stripComments(fieldValue).strip();
    int end = 0;
    while (end < text.length() && text.charAt(end) != ';' && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return text.substring(0, end).toLowerCase(Locale.ROOT).equals(authservId.toLowerCase(Locale.ROOT));
  }

  private static String stripComments(String text) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (char c : text.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')' && depth > 0) {
        depth--;
      } else if (depth == 0) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A value as a token, or quoted when it holds characters a token may not (RFC 2045 tspecials, spaces). */
  private static String value(String text) {
    if (text.matches("[A-Za-z0-9!#$%&'*+\\-.^_`{|}~@]+")) {
      return text;
    }
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String comment(String text) {
    String clean = text.replaceAll("[()\\\\\\r\\n]", " ").strip();
    return clean.length() > 80 ? clean.substring(0, 80) : clean;
  }
}
