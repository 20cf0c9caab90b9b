package eu.sovereignmail.gateway.delivery;

import java.time.Duration;
import java.util.Objects;

/** Where James's LMTP listener is and how long to wait for it: the LMTP client's whole configuration. */
public record LmtpTarget(String host, int port, String lhloName, Duration connectTimeout, Duration readTimeout) {
  public LmtpTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(lhloName, "lhloName");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("lmtp port out of range: " + port);
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("lmtp timeouts must be positive");
    }
  }

  /** Loopback defaults: 5 s to connect, 5 min per reply (the final DATA replies wait for James's storage). */
  public static LmtpTarget loopback(int port) {
    return new LmtpTarget("127.0.0.1", port, "localhost", Duration.ofSeconds(5), Duration.ofMinutes(5));
  }
}
