package eu.sovereignmail.gateway.smtp.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection-level limits shared by all listeners of a server: idle timeouts (RFC 5321 4.5.3.2 suggests 5 minutes
 * while waiting for a command; a client that has not said EHLO gets less), concurrent connections overall and per IP.
 * {@code reverseDns} looks up client names for the Received header.
 */
public record ServerLimits(
    Duration idleTimeout, Duration preEhloTimeout, int maxConnections, int maxConnectionsPerIp, boolean reverseDns) {
  public ServerLimits {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(preEhloTimeout, "preEhloTimeout");
    if (idleTimeout.isNegative() || idleTimeout.isZero() || preEhloTimeout.isNegative() || preEhloTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxConnections < 1 || maxConnectionsPerIp < 1) {
      throw new IllegalArgumentException("connection limits must be positive");
    }
  }

  public static ServerLimits defaults() {
    return new ServerLimits(Duration.ofMinutes(5), Duration.ofMinutes(1), 1000, 50, true);
  }

  public ServerLimits withTimeouts(Duration idle, Duration preEhlo) {
    return new ServerLimits(idle, preEhlo, maxConnections, maxConnectionsPerIp, reverseDns);
  }

  public ServerLimits withConnections(int max, int perIp) {
    return new ServerLimits(idleTimeout, preEhloTimeout, max, perIp, reverseDns);
  }

  public ServerLimits withReverseDns(boolean lookup) {
    return new ServerLimits(idleTimeout, preEhloTimeout, maxConnections, maxConnectionsPerIp, lookup);
  }
}
