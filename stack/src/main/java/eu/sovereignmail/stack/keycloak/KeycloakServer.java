package eu.sovereignmail.stack.keycloak;

import eu.sovereignmail.stack.process.ChildProcess;
import eu.sovereignmail.stack.process.Ports;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Keycloak server run by the stack: the Maven-cached distribution in dev mode ({@code start-dev}, with its
 * dev-file database in the home), bound to loopback, with the realm imported, started as a supervised child.
 */
public final class KeycloakServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeycloakServer.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final KeycloakSettings settings;
  private final ChildProcess process;
  private final Duration startupTime;
  private final HttpClient http;

  private KeycloakServer(KeycloakSettings settings, ChildProcess process, Duration startupTime, HttpClient http) {
    this.settings = settings;
    this.process = process;
    this.startupTime = startupTime;
    this.http = http;
  }

  /**
   * Unpacks the distribution into the home if needed, places the realm file for import, starts Keycloak and
   * waits until the realm's OpenID discovery document answers 200. On the first start (no database yet)
   * the bootstrap administrator is created from the settings. Throws, naming the log file, when Keycloak
   * exits or does not get ready within {@link KeycloakSettings#startTimeout()}.
   */
  public static KeycloakServer start(KeycloakSettings settings) throws IOException {
    Objects.requireNonNull(settings, "settings");
    long started = System.nanoTime();
    InetAddress bind = InetAddress.getByName(settings.bindHost());
    for (int port : new int[] {settings.httpPort(), settings.managementPort()}) {
      if (!Ports.isFree(bind, port)) {
        throw new IOException("Keycloak cannot start: port " + settings.bindHost() + ":" + port
            + " is in use (keycloak.http-port=" + settings.httpPort()
            + ", keycloak.management-port=" + settings.managementPort() + ")");
      }
    }
    Path home = settings.home();
    Files.createDirectories(home);
    Path installDir = settings.distribution().unpack(home);
    placeRealmImport(installDir, settings.realm());
    installProviders(installDir, settings.providers());
    boolean firstStart = !Files.exists(databaseFile(home));

    Path logFile = logFile(settings);
    ChildProcess process = ChildProcess.start(
        "keycloak", command(settings, installDir), installDir, environment(settings, firstStart), logFile);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    KeycloakServer server = new KeycloakServer(settings, process, Duration.ZERO, http);
    try {
      server.awaitRealm(started);
    } catch (IOException | RuntimeException e) {
      process.stop(Duration.ofSeconds(10));
      throw e;
    }
    Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
    LOG.info("event=keycloak.ready url={} realm={} first_start={} pid={} ms={} log={}",
        settings.baseUrl(), settings.realm().realmName(), firstStart, process.pid(), startupTime.toMillis(), logFile);
    return new KeycloakServer(settings, process, startupTime, http);
  }

  /**
   * The command line: {@code bin/kc.sh start-dev} with loopback binding, fixed ports, health, realm import and the
   * settings' SPI options. Dev mode re-augments Quarkus at start whenever {@code providers/} changed, so provider
   * jars need no separate {@code kc.sh build} (a production {@code start --optimized} would).
   */
  static List<String> command(KeycloakSettings settings, Path installDir) {
    List<String> command = new ArrayList<>(List.of(
        installDir.resolve("bin").resolve("kc.sh").toString(),
        "start-dev",
        // Keycloak's dev-file database goes to <home>/data/h2, outside the versioned distribution directory,
        // so that it survives a Keycloak upgrade (the distribution is unpacked anew per version).
        "-Dkc.db-url-path=" + settings.home(),
        "--http-host=" + settings.bindHost(),
        "--http-port=" + settings.httpPort(),
        "--http-management-host=" + settings.bindHost(),
        "--http-management-port=" + settings.managementPort(),
        // One fixed issuer whatever host name a client uses, so that tokens verify against one issuer.
        "--hostname=" + settings.baseUrl(),
        "--health-enabled=true",
        "--import-realm"));
    new TreeMap<>(settings.spiOptions()).forEach((key, value) -> command.add("--" + key + "=" + value));
    return List.copyOf(command);
  }

  /**
   * Makes {@code providers} the only jars in the distribution's {@code providers/} directory. A jar whose bytes are
   * already there is left untouched (a rewrite would make Keycloak rebuild itself at every start); others are copied
   * in atomically; jars no longer wanted are removed.
   */
  static void installProviders(Path installDir, List<Path> providers) throws IOException {
    Path dir = installDir.resolve("providers");
    Files.createDirectories(dir);
    Set<String> wanted = new HashSet<>();
    for (Path jar : providers) {
      if (!Files.isRegularFile(jar)) {
        throw new IOException("Keycloak provider jar not found: " + jar);
      }
      String name = jar.getFileName().toString();
      if (!wanted.add(name)) {
        throw new IOException("two Keycloak provider jars are named " + name);
      }
      Path target = dir.resolve(name);
      if (Files.isRegularFile(target) && Files.mismatch(jar, target) == -1) {
        continue;
      }
      Path temp = Files.createTempFile(dir, ".provider", ".tmp");
      Files.copy(jar, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("event=keycloak.provider_installed jar={} dir={}", name, dir);
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path stale : entries.filter(p -> p.getFileName().toString().endsWith(".jar"))
          .filter(p -> !wanted.contains(p.getFileName().toString())).toList()) {
        Files.delete(stale);
        LOG.info("event=keycloak.provider_removed jar={} dir={}", stale.getFileName(), dir);
      }
    }
  }

  static Map<String, String> environment(KeycloakSettings settings, boolean firstStart) {
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", ChildProcess.currentJavaHome().toString());
    env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx" + settings.heap());
    if (firstStart) {
      env.put("KC_BOOTSTRAP_ADMIN_USERNAME", settings.adminUser());
      env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", settings.adminPassword());
    }
    return Map.copyOf(env);
  }

  public KeycloakSettings settings() {
    return settings;
  }

  public URI baseUrl() {
    return settings.baseUrl();
  }

  /** The imported realm's issuer ({@code iss} of its tokens). */
  public URI issuer() {
    return settings.issuer();
  }

  public Path logFile() {
    return logFile(settings);
  }

  public long pid() {
    return process.pid();
  }

  /** From the call to {@link #start} until the realm answered. */
  public Duration startupTime() {
    return startupTime;
  }

  /** True while the process runs and Keycloak's readiness check ({@code /health/ready}) answers 200. */
  public boolean healthy() {
    if (!process.isAlive()) {
      return false;
    }
    try {
      return get(URI.create(settings.managementUrl() + "/health/ready")) == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops Keycloak (SIGTERM, then SIGKILL after {@code grace}); returns whether it stopped in time. */
  public boolean stop(Duration grace) {
    boolean graceful = process.stop(grace);
    LOG.info("event=keycloak.stop url={} graceful={}", settings.baseUrl(), graceful);
    return graceful;
  }

  @Override
  public void close() {
    stop(STOP_GRACE);
  }

  private void awaitRealm(long startedNanos) throws IOException {
    URI discovery = URI.create(settings.issuer() + "/.well-known/openid-configuration");
    long deadline = startedNanos + settings.startTimeout().toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("Keycloak exited with code " + process.exitCodeOrMinusOne()
            + " before realm " + settings.realm().realmName() + " was ready; see " + logFile());
      }
      try {
        if (get(discovery) == 200) {
          return;
        }
      } catch (ConnectException | HttpConnectTimeoutException e) {
        // not listening yet
      } catch (IOException e) {
        LOG.debug("event=keycloak.wait url={} error={}", discovery, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Keycloak; see " + logFile(), e);
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("Keycloak did not serve " + discovery + " within "
            + settings.startTimeout().toSeconds() + " s; see " + logFile());
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for Keycloak; see " + logFile(), e);
      }
    }
  }

  private int get(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Writes the realm file into {@code data/import}, replacing an older copy (Keycloak skips existing realms). */
  private static void placeRealmImport(Path installDir, RealmImport realm) throws IOException {
    Path importDir = installDir.resolve("data").resolve("import");
    Files.createDirectories(importDir);
    Path temp = Files.createTempFile(importDir, ".realm", ".tmp");
    Files.write(temp, realm.json());
    Files.move(temp, importDir.resolve(realm.fileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Path databaseFile(Path home) {
    return home.resolve("data").resolve("h2").resolve("keycloakdb.mv.db");
  }

  private static Path logFile(KeycloakSettings settings) {
    return settings.home().resolve("log").resolve("keycloak.log");
  }
}
