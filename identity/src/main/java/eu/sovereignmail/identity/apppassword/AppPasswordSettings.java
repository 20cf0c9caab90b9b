package eu.sovereignmail.identity.apppassword;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timings of the app-password store; immutable, validated when built with messages naming the key.
 *
 * @param maxPerUser active app passwords one user may have (a device each; revoke one to make room)
 * @param refreshInterval how often the in-memory copy is reloaded, so revocations made through another gateway on
 *     the same database take effect here
 * @param touchInterval least time between two writes of one password's last-used time (an IMAP client reconnects
 *     often; the time shown is exact to this much)
 * @param cacheTtl how long a secret that passed its Argon2id check is recognised again by a fast keyed hash, so that
 *     a device reconnecting within this time skips Argon2id; zero turns the cache off
 * @param cacheSize how many logins the verified-secret cache holds at most (least recently used dropped first)
 */
public record AppPasswordSettings(int maxPerUser, Duration refreshInterval, Duration touchInterval, Duration cacheTtl,
    int cacheSize) {
  /** Default of {@link #cacheTtl()}. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
  /** Default of {@link #cacheSize()}. */
  public static final int DEFAULT_CACHE_SIZE = 10_000;

  public AppPasswordSettings {
    if (maxPerUser < 1 || maxPerUser > 100) {
      throw new IllegalArgumentException("identity.app-passwords.max-per-user must be between 1 and 100, was " + maxPerUser);
    }
    positive("identity.app-passwords.refresh-interval", refreshInterval);
    positive("identity.app-passwords.touch-interval", touchInterval);
    Objects.requireNonNull(cacheTtl, "identity.app-passwords.cache-ttl");
    if (cacheTtl.isNegative() || cacheTtl.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("identity.app-passwords.cache-ttl must be between 0 (off) and 1 hour, was " + cacheTtl);
    }
    if (cacheSize < 1 || cacheSize > 1_000_000) {
      throw new IllegalArgumentException("identity.app-passwords.cache-size must be between 1 and 1000000, was " + cacheSize);
    }
  }

  /** The given limits and timings with the verified-secret cache at its defaults. */
  public AppPasswordSettings(int maxPerUser, Duration refreshInterval, Duration touchInterval) {
    this(maxPerUser, refreshInterval, touchInterval, DEFAULT_CACHE_TTL, DEFAULT_CACHE_SIZE);
  }

  /** 10 per user, reload every 30 s, last-used written at most once a minute, verified secrets cached 5 min. */
  public static AppPasswordSettings defaults() {
    return new AppPasswordSettings(10, Duration.ofSeconds(30), Duration.ofMinutes(1));
  }

  public AppPasswordSettings withMaxPerUser(int max) {
    return new AppPasswordSettings(max, refreshInterval, touchInterval, cacheTtl, cacheSize);
  }

  /** These settings with the verified-secret cache set to {@code ttl} (zero: off) and {@code size} logins. */
  public AppPasswordSettings withCache(Duration ttl, int size) {
    return new AppPasswordSettings(maxPerUser, refreshInterval, touchInterval, ttl, size);
  }

  private static void positive(String key, Duration value) {
    Objects.requireNonNull(value, key);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, was " + value);
    }
  }
}
