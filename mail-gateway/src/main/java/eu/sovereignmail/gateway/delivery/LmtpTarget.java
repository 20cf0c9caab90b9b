package eu.sovereignmail.gateway.delivery;

import java.time.Duration;
import java.util.Objects;

/** Where James's LMTP listener is, how long to wait for it and how many idle connections to keep: the LMTP client's whole configuration. */
public record LmtpTarget(String host, int port, String lhloName, Duration connectTimeout, Duration readTimeout, PoolSettings pool) {
  public LmtpTarget {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("lmtp.host must not be empty");
    }
    if (lhloName == null || lhloName.isBlank() || lhloName.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("lmtp.lhloName must be a domain without spaces: " + lhloName);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("lmtp.port out of range: " + port);
    }
    Objects.requireNonNull(connectTimeout, "lmtp.connectTimeout");
    Objects.requireNonNull(readTimeout, "lmtp.readTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("lmtp.connectTimeout and lmtp.readTimeout must be positive");
    }
    Objects.requireNonNull(pool, "lmtp.pool");
  }

  /** With the default pool ({@link PoolSettings#defaults()}). */
  public LmtpTarget(String host, int port, String lhloName, Duration connectTimeout, Duration readTimeout) {
    this(host, port, lhloName, connectTimeout, readTimeout, PoolSettings.defaults());
  }

  /** Loopback defaults: 5 s to connect, 5 min per reply (the final DATA replies wait for James's storage), default pool. */
  public static LmtpTarget loopback(int port) {
    return new LmtpTarget("127.0.0.1", port, "localhost", Duration.ofSeconds(5), Duration.ofMinutes(5));
  }

  public LmtpTarget withPool(PoolSettings settings) {
    return new LmtpTarget(host, port, lhloName, connectTimeout, readTimeout, settings);
  }
}
