package eu.sovereignmail.gateway.spool;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one spooled message and its progress, for delivery workers and queue tooling. A held entry is kept but
 * not delivered until an operator releases it (journaling still happens: the archive sees everything accepted).
 */
public record SpoolEntry(Envelope envelope, long messageSize, boolean journaled, boolean held, List<RecipientState> recipients) {
  public SpoolEntry {
    recipients = List.copyOf(recipients);
  }

  public EntryId id() {
    return envelope.id();
  }

  /** Journaled and every recipient final: the entry may leave the spool. */
  public boolean finished() {
    return journaled && recipients.stream().allMatch(r -> r.status().isFinal());
  }

  public Duration age(Instant now) {
    return Duration.between(envelope.receivedAt(), now);
  }

  /** The earliest next attempt among pending recipients (a pending recipient without one is due now). */
  public Optional<Instant> nextAttempt() {
    return recipients.stream()
        .filter(r -> r.status() == DeliveryStatus.PENDING)
        .map(r -> r.nextAttempt() == null ? envelope.receivedAt() : r.nextAttempt())
        .min(Instant::compareTo);
  }

  /** True when something is left to do at {@code now}: journaling, or (unless held) a pending recipient that is due. */
  public boolean due(Instant now) {
    return !journaled || (!held && nextAttempt().map(at -> !at.isAfter(now)).orElse(false));
  }

  public Optional<String> lastError() {
    return recipients.stream().map(RecipientState::lastError).filter(Objects::nonNull).reduce((a, b) -> b);
  }
}
