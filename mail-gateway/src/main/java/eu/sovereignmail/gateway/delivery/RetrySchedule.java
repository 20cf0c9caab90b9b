package eu.sovereignmail.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When a deferred recipient is tried again: exponential backoff from {@code initial}, capped, until {@code maxAge}. */
public record RetrySchedule(Duration initial, Duration cap, Duration maxAge) {
  public RetrySchedule {
    if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0 || maxAge.isNegative()) {
      throw new IllegalArgumentException("retry schedule needs 0 < initial <= cap and maxAge >= 0");
    }
  }

  /** 1 min, doubling, at most 1 h, for 5 days. */
  public static RetrySchedule defaults() {
    return new RetrySchedule(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(5));
  }

  /** The wait after the {@code attempts}-th failed attempt (1 → initial, 2 → twice that, …, never above the cap). */
  public Duration delayAfter(int attempts) {
    Duration delay = initial;
    for (int i = 1; i < attempts && delay.compareTo(cap) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(cap) > 0 ? cap : delay;
  }

  /**
   * The next attempt for a message received at {@code receivedAt} after its {@code attempts}-th failure at
   * {@code now}; empty when it is too old to try again. The last attempt is pulled in to the deadline itself.
   */
  public Optional<Instant> nextAttempt(Instant receivedAt, int attempts, Instant now) {
    Instant deadline = receivedAt.plus(maxAge);
    if (!now.isBefore(deadline)) {
      return Optional.empty();
    }
    Instant next = now.plus(delayAfter(attempts));
    return Optional.of(next.isAfter(deadline) ? deadline : next);
  }
}
