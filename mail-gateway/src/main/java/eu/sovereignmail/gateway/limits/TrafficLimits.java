package eu.sovereignmail.gateway.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one client address or one user may send and hold open: messages per period (a burst, refilled over the
 * period) and concurrent authenticated sessions per user. Configured under {@code limits} in the gateway YAML.
 */
public record TrafficLimits(int messagesPerIp, int messagesPerUser, Duration period, int sessionsPerUser) {
  public TrafficLimits {
    Objects.requireNonNull(period, "period");
    if (messagesPerIp < 1) {
      throw new IllegalArgumentException("limits.messages-per-ip must be at least 1");
    }
    if (messagesPerUser < 1) {
      throw new IllegalArgumentException("limits.messages-per-user must be at least 1");
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("limits.period must be positive");
    }
    if (sessionsPerUser < 1) {
      throw new IllegalArgumentException("limits.sessions-per-user must be at least 1");
    }
  }

  /** 600 messages an hour per address, 300 per user, 20 sessions per user: generous for people, tight for a worm. */
  public static TrafficLimits defaults() {
    return new TrafficLimits(600, 300, Duration.ofHours(1), 20);
  }
}
