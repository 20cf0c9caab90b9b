package eu.sovereignmail.gateway.outbound;

import java.time.Duration;
import java.util.Objects;

/**
 * How direct delivery behaves: the port of remote MX hosts (25; tests point it elsewhere), at most
 * {@code maxConnectionsPerDomain} transactions to one domain at once, {@code maxIdlePerHost} reused connections per
 * MX host, timeouts, and whether MTA-STS and DANE are honoured.
 */
public record OutboundSettings(String heloName, int remotePort, int maxConnectionsPerDomain, int maxIdlePerHost,
    Duration connectTimeout, Duration readTimeout, boolean mtaSts, boolean dane) {
  public OutboundSettings {
    Objects.requireNonNull(heloName, "heloName");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    if (remotePort < 1 || remotePort > 65535) {
      throw new IllegalArgumentException("outbound.remote-port out of range: " + remotePort);
    }
    if (maxConnectionsPerDomain < 1) {
      throw new IllegalArgumentException("outbound.max-connections-per-domain must be positive: " + maxConnectionsPerDomain);
    }
  }

  /** Port 25, 4 connections per domain, 2 idle per host, 30 s / 5 min, MTA-STS and DANE on. */
  public static OutboundSettings defaults(String heloName) {
    return new OutboundSettings(heloName, 25, 4, 2, Duration.ofSeconds(30), Duration.ofMinutes(5), true, true);
  }

  public OutboundSettings withRemotePort(int port) {
    return new OutboundSettings(heloName, port, maxConnectionsPerDomain, maxIdlePerHost, connectTimeout, readTimeout, mtaSts, dane);
  }
}
