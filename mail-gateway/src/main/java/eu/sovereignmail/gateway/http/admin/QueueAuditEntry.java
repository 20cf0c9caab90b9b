package eu.sovereignmail.gateway.http.admin;

import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import eu.sovereignmail.gateway.spool.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One operator action on a queued message, kept for accountability: who, when, why, and enough of the message (sender,
 * recipients, size) to know what was affected after the entry itself is gone. {@code sender} is "" for {@code <>}.
 */
public record QueueAuditEntry(Instant at, String actor, String action, EntryId entryId, String sender,
    List<String> recipients, long size, String reason) {
  /** The action recorded when an operator deletes an entry. */
  public static final String DELETE = "delete";

  public QueueAuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(entryId, "entryId");
    sender = sender == null ? "" : sender;
    recipients = List.copyOf(recipients);
    reason = reason == null ? "" : reason;
  }

  /** The audit entry for deleting {@code entry}. */
  public static QueueAuditEntry deletion(Instant at, String actor, SpoolEntry entry, String reason) {
    return new QueueAuditEntry(at, actor, DELETE, entry.id(), entry.envelope().mailFrom(),
        entry.envelope().recipients().stream().map(Recipient::address).toList(), entry.messageSize(), reason);
  }
}
