package eu.sovereignmail.gateway.http.admin.internal;

import eu.sovereignmail.gateway.http.admin.QueueAuditEntry;
import eu.sovereignmail.gateway.spool.DeliveryStatus;
import eu.sovereignmail.gateway.spool.Destination;
import eu.sovereignmail.gateway.spool.RecipientState;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the queue API (times as ISO-8601 UTC strings, null when absent), kept apart from spool types. */
public final class QueueViews {
  private QueueViews() {}

  /** One spooled message; {@code from} is "" for the null sender. */
  public record Entry(String id, long ageSeconds, String from, String received, String direction, long size,
      boolean held, boolean journaled, String nextAttempt, String lastError, List<Rcpt> recipients) {}

  /** One recipient's progress; {@code nextAttempt} is null once final. */
  public record Rcpt(String address, String status, int attempts, String nextAttempt, String lastError,
      List<String> reached) {}

  /** One audited operator action. */
  public record Audit(String at, String actor, String action, String entryId, String sender, List<String> recipients,
      long size, String reason) {}

  public record EntryList(List<Entry> entries) {}

  public record AuditList(List<Audit> records) {}

  public static Entry entry(SpoolEntry entry, Instant now) {
    Instant received = entry.envelope().receivedAt();
    return new Entry(entry.id().toString(), Math.max(0, entry.age(now).toSeconds()),
        entry.envelope().mailFrom() == null ? "" : entry.envelope().mailFrom(), received.toString(),
        entry.envelope().direction().name(), entry.messageSize(), entry.held(), entry.journaled(),
        entry.nextAttempt().map(Instant::toString).orElse(null), entry.lastError().orElse(null),
        entry.recipients().stream().map(r -> rcpt(r, received)).toList());
  }

  private static Rcpt rcpt(RecipientState state, Instant received) {
    String next = state.status() != DeliveryStatus.PENDING ? null
        : (state.nextAttempt() == null ? received : state.nextAttempt()).toString();
    return new Rcpt(state.recipient().address(), state.status().name(), state.attempts(), next, state.lastError(),
        state.reached().stream().map(Destination::name).sorted().toList());
  }

  public static Audit audit(QueueAuditEntry entry) {
    return new Audit(entry.at().toString(), entry.actor(), entry.action(), entry.entryId().toString(), entry.sender(),
        entry.recipients(), entry.size(), entry.reason());
  }
}
