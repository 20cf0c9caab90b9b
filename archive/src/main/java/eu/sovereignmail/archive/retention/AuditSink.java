package eu.sovereignmail.archive.retention;

import eu.sovereignmail.archive.search.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where retention, purge and export changes are recorded (the hash-chained audit log's {@code record});
 * if it throws, the change it reports is not made, so nothing happens unrecorded.
 */
@FunctionalInterface
public interface AuditSink {
  /**
   * Records that {@code actor} did {@code action} (lower-case dotted, e.g. {@code purge.approve}) to
   * {@code target} (e.g. {@code proposal:12}); {@code detail} is short text without message content.
   */
  void record(Actor actor, String action, String target, String detail);

  /** Until the audit log is wired in: one log line per change. */
  static AuditSink logging() {
    Logger log = LoggerFactory.getLogger("eu.sovereignmail.archive.audit");
    return (actor, action, target, detail) -> log.info("event=archive.audit action={} actor={} target={} detail=\"{}\"",
        action, actor.name(), target, detail.replace("\"", "\\\""));
  }
}
