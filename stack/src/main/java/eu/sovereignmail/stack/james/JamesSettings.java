package eu.sovereignmail.stack.james;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything the stack decides about one James backend: where its state and generated configuration
 * live ({@code home}), which distribution runs it, where it listens, its database and its administrator.
 */
public record JamesSettings(
    Path home,
    Path distribution,
    String bindHost,
    Ports ports,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    String adminUser,
    String adminPassword,
    String heap) {

  /** The ports James listens on; {@link #DEV} are the DESIGN section 6 dev ports. */
  public record Ports(int smtp, int lmtp, int imap, int webAdmin) {
    public static final Ports DEV = new Ports(10025, 10024, 10143, 18000);

    public Ports {
      for (int port : new int[] {smtp, lmtp, imap, webAdmin}) {
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException("James port out of range: " + port);
        }
      }
    }
  }

  public static final String DEFAULT_BIND_HOST = "127.0.0.1";
  public static final String DEFAULT_HEAP = "512m";

  public JamesSettings {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(ports, "ports");
    home = home.toAbsolutePath().normalize();
    distribution = distribution.toAbsolutePath().normalize();
    bindHost = bindHost == null || bindHost.isBlank() ? DEFAULT_BIND_HOST : bindHost;
    heap = heap == null || heap.isBlank() ? DEFAULT_HEAP : heap;
    requireText(jdbcUrl, "jdbcUrl");
    requireText(jdbcUser, "jdbcUser");
    Objects.requireNonNull(jdbcPassword, "jdbcPassword");
    requireText(adminUser, "adminUser");
    requireText(adminPassword, "adminPassword");
    if (!adminUser.contains("@")) {
      throw new IllegalArgumentException("adminUser must be an address (user@domain): " + adminUser);
    }
  }

  /** Settings with the dev defaults for host, ports and heap. */
  public static JamesSettings defaults(Path home, Path distribution, String jdbcUrl, String jdbcUser,
      String jdbcPassword, String adminUser, String adminPassword) {
    return new JamesSettings(home, distribution, DEFAULT_BIND_HOST, Ports.DEV, jdbcUrl, jdbcUser, jdbcPassword,
        adminUser, adminPassword, DEFAULT_HEAP);
  }

  public JamesSettings withPorts(Ports newPorts) {
    return new JamesSettings(home, distribution, bindHost, newPorts, jdbcUrl, jdbcUser, jdbcPassword, adminUser,
        adminPassword, heap);
  }

  public Path confDir() {
    return home.resolve("conf");
  }

  public Path logFile() {
    return home.resolve("logs").resolve("james.log");
  }

  public String adminDomain() {
    return adminUser.substring(adminUser.indexOf('@') + 1);
  }

  /** Never prints the passwords. */
  @Override
  public String toString() {
    return "JamesSettings[home=" + home + ", distribution=" + distribution + ", bindHost=" + bindHost
        + ", ports=" + ports + ", jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser + ", adminUser=" + adminUser
        + ", heap=" + heap + "]";
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("James setting " + name + " is required");
    }
  }
}
