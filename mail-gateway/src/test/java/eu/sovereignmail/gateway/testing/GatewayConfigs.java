package eu.sovereignmail.gateway.testing;

import eu.sovereignmail.gateway.config.ConfigLoader;
import eu.sovereignmail.gateway.config.GatewayConfig;
import eu.sovereignmail.stack.process.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes gateway configurations for integration tests: free loopback ports, the shared backends, a fresh database. */
public final class GatewayConfigs {
  private GatewayConfigs() {}

  /** The YAML of a gateway on free ports in front of the shared James; {@code extra} is appended (legacy:, routing:, ...). */
  public static String yaml(Backends backends, Path dataDir, String hostname, String database, int mxPort, String extra)
      throws IOException {
    String url = backends.database(database, database + "-secret");
    var ports = backends.jamesSettings().ports();
    return """
        hostname: %s
        data-dir: %s
        bind: 127.0.0.1
        smtp:
          mx-port: %d
          submission-port: %d
          submissions-port: %d
          reverse-dns: false
        http:
          port: %d
        database:
          url: %s
          user: %s
          password: %s
        james:
          host: 127.0.0.1
          lmtp-port: %d
          webadmin-port: %d
        delivery:
          concurrency: 4
          retry-initial: 1s
          retry-cap: 2s
        """.formatted(hostname, dataDir, mxPort, Ports.freeLoopbackPort(), Ports.freeLoopbackPort(),
        Ports.freeLoopbackPort(), url, database, database + "-secret", ports.lmtp(), ports.webAdmin())
        // SPF/DKIM/DMARC ask DNS about the senders' domains: tests stay on loopback, so the checks are off unless
        // a test brings its own loopback DNS and authentication section.
        + (extra.contains("authentication:") ? "" : "authentication:\n  enabled: false\n")
        + extra;
  }

  public static GatewayConfig parse(String yaml) throws IOException {
    return new ConfigLoader().parse(yaml, Map.of());
  }

  public static Path write(Path file, String yaml) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, yaml);
  }
}
