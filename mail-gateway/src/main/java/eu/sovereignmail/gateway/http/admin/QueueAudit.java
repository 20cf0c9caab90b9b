package eu.sovereignmail.gateway.http.admin;

import java.util.List;

/**
 * Where operator actions on the queue are recorded. A delete happens only after its record is durable, so nothing
 * leaves the spool by hand without a trace.
 */
public interface QueueAudit {
  /** Durably records {@code entry}; throws when it cannot (the caller must then not act). */
  void record(QueueAuditEntry entry) throws QueueAuditException;

  /** The newest records first, at most {@code limit}. */
  List<QueueAuditEntry> recent(int limit) throws QueueAuditException;
}
