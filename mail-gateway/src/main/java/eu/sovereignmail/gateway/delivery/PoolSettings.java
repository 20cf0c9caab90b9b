package eu.sovereignmail.gateway.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How many idle connections a transport keeps to its next hop and for how long: saves the greeting, hello, TLS and
 * AUTH round trips per transaction. {@code maxIdle} 0 turns pooling off (one connection per transaction).
 */
public record PoolSettings(int maxIdle, Duration idleTimeout) {
  public PoolSettings {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (maxIdle < 0 || maxIdle > 1000) {
      throw new IllegalArgumentException("pool.maxIdle out of range (0..1000): " + maxIdle);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("pool.idleTimeout must be positive: " + idleTimeout);
    }
  }

  /** 4 idle connections (the delivery worker's default concurrency), closed after 30 s without use. */
  public static PoolSettings defaults() {
    return new PoolSettings(4, Duration.ofSeconds(30));
  }

  /** No pooling: every transaction opens and closes its own connection. */
  public static PoolSettings none() {
    return new PoolSettings(0, Duration.ofSeconds(1));
  }
}
