package eu.sovereignmail.archive.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every search and view of archived mail is reported before its result is returned. The audit
 * log (a later part) implements it; if it throws, the search or view fails, so nothing is shown
 * unrecorded.
 */
@FunctionalInterface
public interface AuditHook {
  void record(AuditEvent event);

  /** Until the audit log exists: one log line per event (no message content, only the query text and ids). */
  static AuditHook logging() {
    Logger log = LoggerFactory.getLogger("eu.sovereignmail.archive.audit");
    return event -> {
      switch (event) {
        case AuditEvent.Searched s -> log.info("event=archive.audit action=search actor={} query=\"{}\" sort={} page={} "
            + "page_size={} total={}", s.actor().name(), s.query().replace("\"", "\\\""), s.sort(), s.page(),
            s.pageSize(), s.total());
        case AuditEvent.Viewed v -> log.info("event=archive.audit action={} actor={} message={} envelope_shown={}",
            v.raw() ? "raw" : "show", v.actor().name(), v.messageId(), v.envelopeShown());
        case AuditEvent.Refused r -> log.info("event=archive.audit action={} actor={} refused=\"{}\" request=\"{}\"",
            r.action(), r.actor().name(), r.reason(), r.request().replace("\"", "\\\""));
      }
    };
  }
}
