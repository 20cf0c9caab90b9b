package eu.sovereignmail.gateway.directory;

import java.time.Duration;
import java.util.Objects;

/**
 * How fresh the directory stays: a background refresh every {@code refreshInterval}; on a lookup miss an extra refresh
 * at most every {@code missRefreshInterval} (so a flood of unknown RCPTs cannot hammer WebAdmin), which the missing
 * lookup waits for at most {@code missWait}.
 */
public record DirectorySettings(Duration refreshInterval, Duration missRefreshInterval, Duration missWait) {
  public DirectorySettings {
    positive(refreshInterval, "directory.refresh-interval");
    notNegative(missRefreshInterval, "directory.miss-refresh-interval");
    notNegative(missWait, "directory.miss-wait");
  }

  /** 30 s background refresh, a miss refresh at most every 5 s, waited for at most 2 s. */
  public static DirectorySettings defaults() {
    return new DirectorySettings(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(2));
  }

  private static void positive(Duration value, String key) {
    Objects.requireNonNull(value, key);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(key + " must be positive, was " + value);
    }
  }

  private static void notNegative(Duration value, String key) {
    Objects.requireNonNull(value, key);
    if (value.isNegative()) {
      throw new IllegalArgumentException(key + " must not be negative, was " + value);
    }
  }
}
