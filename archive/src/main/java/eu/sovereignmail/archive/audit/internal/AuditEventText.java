package eu.sovereignmail.archive.audit.internal;

import eu.sovereignmail.archive.search.AuditEvent;

/**
 * How a search-side {@link AuditEvent} reads in the audit log: its action, target and detail. Only the query
 * text, counts and ids go in, never message content.
 */
public record AuditEventText(String action, String target, String detail) {
  /** The action, target and detail recorded for {@code event}. */
  public static AuditEventText of(AuditEvent event) {
    return switch (event) {
      case AuditEvent.Searched s -> new AuditEventText("archive.search", "archive",
          "query=" + quoted(s.query()) + " total=" + s.total() + " sort=" + s.sort() + " page=" + s.page()
              + " page_size=" + s.pageSize());
      case AuditEvent.Viewed v -> new AuditEventText(v.raw() ? "archive.raw" : "archive.view", "message:" + v.messageId(),
          "envelope_shown=" + v.envelopeShown());
      case AuditEvent.Refused r -> new AuditEventText("access.denied", "archive." + r.action(),
          "reason=" + quoted(r.reason()) + " request=" + quoted(r.request()));
    };
  }

  /** {@code value} in double quotes, with {@code \} and {@code "} escaped, so a detail stays one readable line. */
  public static String quoted(String value) {
    StringBuilder text = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        default -> text.append(c);
      }
    }
    return text.append('"').toString();
  }
}
