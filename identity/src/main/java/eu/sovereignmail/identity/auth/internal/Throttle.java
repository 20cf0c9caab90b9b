package eu.sovereignmail.identity.auth.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts failed logins per login name and per client address: each failure doubles the reply delay, and past
 * a limit the login or address is locked out until {@code lockout} has passed since its last failure. Keyed by
 * the name as typed, so that an unknown user is throttled exactly like a known one. Thread-safe.
 */
public final class Throttle {
  /** Beyond this many tracked keys, forgotten (expired) ones are pruned. */
  private static final int PRUNE_ABOVE = 10_000;

  private record Failures(int count, Instant last) {}

  private final ConcurrentMap<String, Failures> byLogin = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Failures> byAddress = new ConcurrentHashMap<>();
  private final int loginLimit;
  private final int addressLimit;
  private final Duration lockout;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Clock clock;

  public Throttle(int loginLimit, int addressLimit, Duration lockout, Duration baseDelay, Duration maxDelay,
      Clock clock) {
    this.loginLimit = loginLimit;
    this.addressLimit = addressLimit;
    this.lockout = lockout;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.clock = clock;
  }

  /** Whether attempts for this login or from this address are refused without checking them. */
  public boolean isLocked(String loginKey, String address) {
    Instant now = clock.instant();
    return current(byLogin, loginKey, now) >= loginLimit || current(byAddress, address, now) >= addressLimit;
  }

  /** Counts a failure; returns how long to wait before answering it. */
  public Duration recordFailure(String loginKey, String address) {
    Instant now = clock.instant();
    int loginFailures = increment(byLogin, loginKey, now);
    int addressFailures = increment(byAddress, address, now);
    return delayFor(Math.max(loginFailures, addressFailures));
  }

  /** The reply delay for the failures counted so far (for refusals that are not counted, e.g. while locked). */
  public Duration currentDelay(String loginKey, String address) {
    Instant now = clock.instant();
    return delayFor(Math.max(current(byLogin, loginKey, now), current(byAddress, address, now)));
  }

  /** A successful login forgets the login's failures (not the address's: one good account must not unlock it). */
  public void recordSuccess(String loginKey) {
    byLogin.remove(loginKey);
  }

  private Duration delayFor(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    int doublings = Math.min(failures - 1, 30);
    Duration delay = baseDelay.multipliedBy(1L << doublings);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  private int current(ConcurrentMap<String, Failures> map, String key, Instant now) {
    Failures failures = map.get(key);
    return failures == null || expired(failures, now) ? 0 : failures.count();
  }

  private int increment(ConcurrentMap<String, Failures> map, String key, Instant now) {
    if (map.size() > PRUNE_ABOVE) {
      map.values().removeIf(f -> expired(f, now));
    }
    return map.merge(key, new Failures(1, now),
        (old, one) -> new Failures(expired(old, now) ? 1 : old.count() + 1, now)).count();
  }

  private boolean expired(Failures failures, Instant now) {
    return !now.isBefore(failures.last().plus(lockout));
  }
}
