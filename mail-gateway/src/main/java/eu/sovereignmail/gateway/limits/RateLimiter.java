package eu.sovereignmail.gateway.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a client address, a user): {@code burst} events at once, refilled at {@code burst} per
 * {@code period}, so a sender that stays under the rate is never refused and one that floods is slowed to it. Keys
 * whose bucket has refilled are forgotten, so the map stays as small as the set of recently busy senders.
 */
public final class RateLimiter {
  private static final int PRUNE_EVERY = 1024;

  private final int burst;
  private final double tokensPerNano;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private int sincePrune;

  /** One key's tokens as of {@code at} (nanoseconds of the clock's millis, for arithmetic without overflow). */
  private record Bucket(double tokens, long at) {}

  public RateLimiter(int burst, Duration period, Clock clock) {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1");
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive");
    }
    this.burst = burst;
    this.tokensPerNano = burst / (double) period.toNanos();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Takes one token for {@code key}; false (nothing taken) when its bucket is empty. */
  public boolean tryAcquire(String key) {
    long now = nanos();
    boolean[] granted = new boolean[1];
    buckets.compute(key, (k, bucket) -> {
      double tokens = bucket == null ? burst : refilled(bucket, now);
      granted[0] = tokens >= 1;
      return new Bucket(granted[0] ? tokens - 1 : tokens, now);
    });
    maybePrune(now);
    return granted[0];
  }

  /** How many keys are being tracked (for tests and metrics). */
  public int trackedKeys() {
    return buckets.size();
  }

  private double refilled(Bucket bucket, long now) {
    return Math.min(burst, bucket.tokens() + (now - bucket.at()) * tokensPerNano);
  }

  private void maybePrune(long now) {
    synchronized (this) {
      if (++sincePrune < PRUNE_EVERY) {
        return;
      }
      sincePrune = 0;
    }
    buckets.entrySet().removeIf(e -> refilled(e.getValue(), now) >= burst);
  }

  private long nanos() {
    return clock.millis() * 1_000_000L;
  }
}
