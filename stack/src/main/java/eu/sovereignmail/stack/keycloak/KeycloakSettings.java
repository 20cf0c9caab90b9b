package eu.sovereignmail.stack.keycloak;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How the stack runs its Keycloak: where its state lives, which distribution, which loopback ports, the
 * bootstrap administrator, the realm to import and the JVM heap. Immutable; validated when built.
 *
 * @param home directory holding the unpacked distribution, Keycloak's dev-file database ({@code data/h2})
 *     and its log; kept across restarts
 * @param distribution the {@code keycloak-quarkus-dist} zip and its version (see {@link KeycloakDistribution#locate()})
 * @param bindHost address both HTTP interfaces bind to (loopback unless configured)
 * @param httpPort the main HTTP port (OIDC endpoints, admin API, admin console)
 * @param managementPort Keycloak's management interface (health); never left at Keycloak's default 9000 by
 *     accident: {@link #defaults} derives it from {@code httpPort}
 * @param adminUser bootstrap administrator of the master realm, created on the first start
 * @param adminPassword its password (never logged)
 * @param realm the realm imported at start (skipped by Keycloak when the realm already exists)
 * @param heap maximum JVM heap, in the JVM's {@code -Xmx} syntax (e.g. {@code 512m})
 * @param startTimeout how long {@link KeycloakServer#start} waits for the realm's discovery document
 * @param providers provider jars (e.g. the Sovereign Mail event listener) that {@link KeycloakServer#start}
 *     places in the distribution's {@code providers/} directory (the only jars there)
 * @param spiOptions SPI options passed as {@code --<key>=<value>}; every key starts with {@code spi-} (e.g.
 *     {@code spi-events-listener--sovereign-mail--url}), so none can override the stack's own options. Not for
 *     secrets (command lines are visible to other local users): pass a file path instead
 */
public record KeycloakSettings(
    Path home,
    KeycloakDistribution distribution,
    String bindHost,
    int httpPort,
    int managementPort,
    String adminUser,
    String adminPassword,
    RealmImport realm,
    String heap,
    Duration startTimeout,
    List<Path> providers,
    Map<String, String> spiOptions) {

  public static final String DEFAULT_BIND_HOST = "127.0.0.1";
  public static final int DEFAULT_HTTP_PORT = 8180;
  /** The management port is the HTTP port plus this offset unless set explicitly. */
  public static final int MANAGEMENT_PORT_OFFSET = 820;
  public static final String DEFAULT_HEAP = "512m";
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(4);

  private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
  private static final Pattern SPI_OPTION = Pattern.compile("spi-[a-z0-9]+(-{1,2}[a-z0-9]+)*");

  public KeycloakSettings {
    Objects.requireNonNull(home, "keycloak.home");
    Objects.requireNonNull(distribution, "keycloak.distribution");
    Objects.requireNonNull(realm, "keycloak.realm");
    home = home.toAbsolutePath().normalize();
    requireAddress(bindHost);
    requirePort("keycloak.http-port", httpPort);
    requirePort("keycloak.management-port", managementPort);
    if (httpPort == managementPort) {
      throw new IllegalArgumentException(
          "keycloak.management-port must differ from keycloak.http-port (both " + httpPort + ")");
    }
    if (adminUser == null || adminUser.isBlank()) {
      throw new IllegalArgumentException("keycloak.admin-user must not be blank");
    }
    if (adminPassword == null || adminPassword.length() < 8) {
      throw new IllegalArgumentException("keycloak.admin-password must have at least 8 characters");
    }
    if (heap == null || !HEAP.matcher(heap).matches()) {
      throw new IllegalArgumentException("keycloak.heap must look like 512m or 1g, was: " + heap);
    }
    Objects.requireNonNull(startTimeout, "keycloak.start-timeout");
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException("keycloak.start-timeout must be positive");
    }
    providers = providers == null ? List.of() : providers.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    for (Path jar : providers) {
      if (!jar.getFileName().toString().endsWith(".jar")) {
        throw new IllegalArgumentException("keycloak.providers must be .jar files, was " + jar);
      }
    }
    spiOptions = spiOptions == null ? Map.of() : Map.copyOf(spiOptions);
    for (Map.Entry<String, String> option : spiOptions.entrySet()) {
      if (!SPI_OPTION.matcher(option.getKey()).matches()) {
        throw new IllegalArgumentException("keycloak SPI option keys look like spi-<spi>--<provider>--<property>, was "
            + option.getKey());
      }
      if (option.getValue() == null || option.getValue().isEmpty() || option.getValue().contains("\n")) {
        throw new IllegalArgumentException("keycloak SPI option " + option.getKey() + " needs a one-line value");
      }
    }
  }

  /** Settings without extra providers (the canonical constructor with none). */
  public KeycloakSettings(Path home, KeycloakDistribution distribution, String bindHost, int httpPort, int managementPort,
      String adminUser, String adminPassword, RealmImport realm, String heap, Duration startTimeout) {
    this(home, distribution, bindHost, httpPort, managementPort, adminUser, adminPassword, realm, heap, startTimeout,
        List.of(), Map.of());
  }

  /** Settings of {@code up}: 127.0.0.1:8180, management port 9000 (8180 + 820), 512 MB heap. */
  public static KeycloakSettings defaults(
      Path home, KeycloakDistribution distribution, String adminUser, String adminPassword, RealmImport realm) {
    return new KeycloakSettings(
        home, distribution, DEFAULT_BIND_HOST, DEFAULT_HTTP_PORT, DEFAULT_HTTP_PORT + MANAGEMENT_PORT_OFFSET,
        adminUser, adminPassword, realm, DEFAULT_HEAP, DEFAULT_START_TIMEOUT);
  }

  /** The same settings on other ports (tests pick free ones). */
  public KeycloakSettings withPorts(int newHttpPort, int newManagementPort) {
    return new KeycloakSettings(
        home, distribution, bindHost, newHttpPort, newManagementPort, adminUser, adminPassword, realm, heap,
        startTimeout, providers, spiOptions);
  }

  /**
   * The same settings with these provider jars installed and these SPI options passed (replacing any given before).
   * Keycloak in dev mode rebuilds itself at start when its providers changed, so nothing else is needed.
   */
  public KeycloakSettings withProviders(List<Path> newProviders, Map<String, String> newSpiOptions) {
    return new KeycloakSettings(
        home, distribution, bindHost, httpPort, managementPort, adminUser, adminPassword, realm, heap, startTimeout,
        newProviders, newSpiOptions);
  }

  /** Base URL of the main HTTP interface, e.g. {@code http://127.0.0.1:8180}; also Keycloak's fixed hostname. */
  public URI baseUrl() {
    String host = bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
    return URI.create("http://" + host + ":" + httpPort);
  }

  /** The realm's issuer, as it appears in the {@code iss} claim of its tokens. */
  public URI issuer() {
    return URI.create(baseUrl() + "/realms/" + realm.realmName());
  }

  /** Base URL of the management interface ({@code /health/ready}, {@code /health/live}). */
  public URI managementUrl() {
    String host = bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
    return URI.create("http://" + host + ":" + managementPort);
  }

  @Override
  public String toString() {
    return "KeycloakSettings[home=" + home + ", distribution=" + distribution + ", bindHost=" + bindHost
        + ", httpPort=" + httpPort + ", managementPort=" + managementPort + ", adminUser=" + adminUser
        + ", adminPassword=***, realm=" + realm.realmName() + ", heap=" + heap + ", startTimeout=" + startTimeout
        + ", providers=" + providers + ", spiOptions=" + new TreeMap<>(spiOptions) + "]";
  }

  private static void requireAddress(String bindHost) {
    if (bindHost == null || bindHost.isBlank()) {
      throw new IllegalArgumentException("keycloak.bind-host must not be blank");
    }
    try {
      InetAddress address = InetAddress.getByName(bindHost);
      if (address.isAnyLocalAddress()) {
        throw new IllegalArgumentException(
            "keycloak.bind-host must be one address (it is also Keycloak's hostname), not " + bindHost);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("keycloak.bind-host is not a known address: " + bindHost, e);
    }
  }

  private static void requirePort(String key, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(key + " must be between 1 and 65535, was " + port);
    }
  }
}
