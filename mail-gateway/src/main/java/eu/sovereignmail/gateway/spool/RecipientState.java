package eu.sovereignmail.gateway.spool;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The delivery progress of one recipient: status, attempts so far, next attempt (null: now), last error (null: none)
 * and the destinations already reached (a DUAL route reaches two; each is delivered once).
 */
public record RecipientState(Recipient recipient, DeliveryStatus status, int attempts, Instant nextAttempt,
    String lastError, Set<Destination> reached) {
  public RecipientState {
    reached = reached.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(reached));
  }

  public RecipientState(Recipient recipient, DeliveryStatus status, int attempts, Instant nextAttempt, String lastError) {
    this(recipient, status, attempts, nextAttempt, lastError, Set.of());
  }

  public static RecipientState fresh(Recipient recipient) {
    return new RecipientState(recipient, DeliveryStatus.PENDING, 0, null, null, Set.of());
  }

  /** The state after one attempt ended with {@code outcome}. */
  public RecipientState after(DeliveryOutcome outcome) {
    return switch (outcome) {
      case DeliveryOutcome.Delivered d -> new RecipientState(recipient, DeliveryStatus.DELIVERED, attempts + 1, null, lastError, reached);
      case DeliveryOutcome.Deferred d -> new RecipientState(recipient, DeliveryStatus.PENDING, attempts + 1, d.nextAttempt(), d.error(), reached);
      case DeliveryOutcome.Failed f -> new RecipientState(recipient, DeliveryStatus.FAILED, attempts + 1, null, f.error(), reached);
    };
  }

  /** The same state with {@code destination} reached. */
  public RecipientState reaching(Destination destination) {
    EnumSet<Destination> now = reached.isEmpty() ? EnumSet.noneOf(Destination.class) : EnumSet.copyOf(reached);
    now.add(destination);
    return new RecipientState(recipient, status, attempts, nextAttempt, lastError, now);
  }

  /** A pending recipient made due now (an operator's "retry now"); others unchanged. */
  public RecipientState dueNow() {
    return status == DeliveryStatus.PENDING ? new RecipientState(recipient, status, attempts, null, lastError, reached) : this;
  }
}
