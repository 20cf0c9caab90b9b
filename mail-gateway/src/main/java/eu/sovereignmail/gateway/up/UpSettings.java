package eu.sovereignmail.gateway.up;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code up} runs and where: the project home (built James distribution), the data directory that
 * holds all state, the loopback address and ports, and optionally an existing MariaDB to use instead of
 * the embedded one.
 */
public record UpSettings(Path home, Path dataDir, InetAddress bindAddress, StackPorts ports, Optional<ExternalDatabase> database) {

  /** An existing MariaDB server: a JDBC URL without database, and an account allowed to create databases. */
  public record ExternalDatabase(String url, String user, String password) {
    public ExternalDatabase {
      Objects.requireNonNull(url, "--db-url");
      if (!url.startsWith("jdbc:mariadb://") && !url.startsWith("jdbc:mysql://")) {
        throw new IllegalArgumentException("--db-url must be a jdbc:mariadb:// URL, got " + url);
      }
      url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
  }

  public UpSettings {
    home = home.toAbsolutePath().normalize();
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  public Path demoCredentialsFile() {
    return dataDir.resolve("demo-credentials.properties");
  }

  /** Internal secrets (database passwords, the gateway's OIDC client secret): not for people. */
  public Path secretsFile() {
    return dataDir.resolve("secrets.properties");
  }

  public Path jamesDistribution() {
    return home.resolve("james-backend").resolve("target").resolve("dist");
  }

}
