package eu.sovereignmail.identity.keycloak;

import eu.sovereignmail.stack.keycloak.KeycloakAdmin;
import eu.sovereignmail.stack.keycloak.KeycloakDistribution;
import eu.sovereignmail.stack.keycloak.KeycloakServer;
import eu.sovereignmail.stack.keycloak.KeycloakSettings;
import eu.sovereignmail.stack.keycloak.RealmImport;
import eu.sovereignmail.stack.process.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Keycloak with the shipped {@code sovereign} realm, on free loopback ports with a fresh home under
 * {@code target/}, for integration tests that start it once per class; shared so that each IT does not carry its
 * own copy.
 */
public final class KeycloakFixture implements AutoCloseable {
  public static final String REALM = "sovereign";
  public static final String GATEWAY = "sovereign-gateway";
  private static final Logger LOG = LoggerFactory.getLogger(KeycloakFixture.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeycloakSettings settings;
  private final KeycloakAdmin admin;
  private KeycloakServer server;

  private KeycloakFixture(KeycloakSettings settings, KeycloakServer server) {
    this.settings = settings;
    this.server = server;
    this.admin = KeycloakAdmin.of(settings);
  }

  /** Starts Keycloak with the realm of {@code src/main/resources/keycloak/sovereign-realm.json}. */
  public static KeycloakFixture start() throws IOException {
    return start(UnaryOperator.identity());
  }

  /** Starts Keycloak like {@link #start()}, with settings changed by {@code customize} (e.g. provider jars). */
  public static KeycloakFixture start(UnaryOperator<KeycloakSettings> customize) throws IOException {
    Path home = Path.of("target", "it-keycloak-" + System.nanoTime());
    int httpPort = Ports.freeLoopbackPort();
    int managementPort = Ports.freeLoopbackPort();
    while (managementPort == httpPort) {
      managementPort = Ports.freeLoopbackPort();
    }
    RealmImport realm = RealmImport.fromClasspath(KeycloakFixture.class.getClassLoader(), "keycloak/sovereign-realm.json");
    KeycloakSettings settings = customize.apply(
        KeycloakSettings.defaults(home, KeycloakDistribution.locate(), "admin", secret(), realm).withPorts(httpPort, managementPort));
    KeycloakServer server = KeycloakServer.start(settings);
    LOG.info("event=it.keycloak.cold_start ms={}", server.startupTime().toMillis());
    return new KeycloakFixture(settings, server);
  }

  public KeycloakSettings settings() {
    return settings;
  }

  public KeycloakServer server() {
    return server;
  }

  public KeycloakAdmin admin() {
    return admin;
  }

  /** Stops Keycloak (the home stays); returns whether it stopped within {@code grace}. */
  public boolean stop(Duration grace) {
    return server.stop(grace);
  }

  /** Starts Keycloak again on the same home and ports. */
  public KeycloakServer restart() throws IOException {
    server = KeycloakServer.start(settings);
    LOG.info("event=it.keycloak.warm_start ms={}", server.startupTime().toMillis());
    return server;
  }

  /** Stops Keycloak and deletes the unpacked distribution; the log and the database stay for a post-mortem. */
  @Override
  public void close() throws IOException {
    server.close();
    // The unpacked distribution is ~190 MB per run.
    Path installDir = settings.distribution().installDir(settings.home());
    if (Files.exists(installDir)) {
      try (Stream<Path> walk = Files.walk(installDir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** A random password that satisfies the realm's policy (12+ characters). */
  public static String secret() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
