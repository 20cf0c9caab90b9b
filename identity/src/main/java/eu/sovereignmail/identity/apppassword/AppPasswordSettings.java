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
 */
public record AppPasswordSettings(int maxPerUser, Duration refreshInterval, Duration touchInterval) {

  public AppPasswordSettings {
    if (maxPerUser < 1 || maxPerUser > 100) {
      throw new IllegalArgumentException("identity.app-passwords.max-per-user must be between 1 and 100, was " + maxPerUser);
    }
    positive("identity.app-passwords.refresh-interval", refreshInterval);
    positive("identity.app-passwords.touch-interval", touchInterval);
  }

  /** 10 per user, reload every 30 s, last-used written at most once a minute. */
  public static AppPasswordSettings defaults() {
    return new AppPasswordSettings(10, Duration.ofSeconds(30), Duration.ofMinutes(1));
  }

  public AppPasswordSettings withMaxPerUser(int max) {
    return new AppPasswordSettings(max, refreshInterval, touchInterval);
  }

  private static void positive(String key, Duration value) {
    Objects.requireNonNull(value, key);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, was " + value);
    }
  }
}
