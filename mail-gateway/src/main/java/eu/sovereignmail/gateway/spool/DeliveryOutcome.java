package eu.sovereignmail.gateway.spool;

import java.time.Instant;

/** What one delivery attempt for one recipient came to, as reported by the delivery part. */
public sealed interface DeliveryOutcome {
  record Delivered() implements DeliveryOutcome {}

  /** A temporary failure: try again at {@code nextAttempt}. */
  record Deferred(String error, Instant nextAttempt) implements DeliveryOutcome {}

  /** A permanent failure (a DSN goes back to the sender): the recipient is final. */
  record Failed(String error) implements DeliveryOutcome {}
}
