package eu.sovereignmail.gateway.imap.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection-level limits of the IMAP doors: idle time after login (RFC 9051 5.4: at least 30 minutes), the whole
 * time a client gets to log in (short, so a slow drip cannot hold a slot), connections overall, per address and per
 * user.
 */
public record ImapLimits(Duration idleTimeout, Duration loginTimeout, int maxConnections, int maxConnectionsPerIp,
    int maxSessionsPerUser) {
  public ImapLimits {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(loginTimeout, "loginTimeout");
    if (!idleTimeout.isPositive() || !loginTimeout.isPositive()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxConnections < 1 || maxConnectionsPerIp < 1 || maxSessionsPerUser < 1) {
      throw new IllegalArgumentException("connection limits must be positive");
    }
  }

  public static ImapLimits defaults() {
    return new ImapLimits(Duration.ofMinutes(30), Duration.ofMinutes(1), 2000, 50, 20);
  }
}
