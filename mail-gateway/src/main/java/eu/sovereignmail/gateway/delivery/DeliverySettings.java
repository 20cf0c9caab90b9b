package eu.sovereignmail.gateway.delivery;

import java.time.Duration;
import java.util.Objects;

/** Delivery worker tuning: entries handled at once, how often the spool is polled, and the retry schedule. */
public record DeliverySettings(int concurrency, Duration pollInterval, RetrySchedule retry) {
  public DeliverySettings {
    if (concurrency < 1) {
      throw new IllegalArgumentException("delivery.concurrency must be at least 1, was " + concurrency);
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("delivery.pollInterval must be positive");
    }
    Objects.requireNonNull(retry, "retry");
  }

  public static DeliverySettings defaults() {
    return new DeliverySettings(4, Duration.ofSeconds(1), RetrySchedule.defaults());
  }
}
