package eu.sovereignmail.gateway.spool;

import java.time.Instant;

/** The delivery progress of one recipient: status, attempts so far, next attempt (null: now) and last error (null: none). */
public record RecipientState(Recipient recipient, DeliveryStatus status, int attempts, Instant nextAttempt, String lastError) {
  public static RecipientState fresh(Recipient recipient) {
    return new RecipientState(recipient, DeliveryStatus.PENDING, 0, null, null);
  }

  /** The state after one attempt ended with {@code outcome}. */
  public RecipientState after(DeliveryOutcome outcome) {
    return switch (outcome) {
      case DeliveryOutcome.Delivered d -> new RecipientState(recipient, DeliveryStatus.DELIVERED, attempts + 1, null, lastError);
      case DeliveryOutcome.Deferred d -> new RecipientState(recipient, DeliveryStatus.PENDING, attempts + 1, d.nextAttempt(), d.error());
      case DeliveryOutcome.Failed f -> new RecipientState(recipient, DeliveryStatus.FAILED, attempts + 1, null, f.error());
    };
  }
}
