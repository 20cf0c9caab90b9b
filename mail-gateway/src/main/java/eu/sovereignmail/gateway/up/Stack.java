package eu.sovereignmail.gateway.up;

import eu.sovereignmail.gateway.app.Shutdown;
import eu.sovereignmail.gateway.health.Health;
import eu.sovereignmail.gateway.app.Gateway;
import eu.sovereignmail.gateway.config.GatewayConfig;
import eu.sovereignmail.gateway.http.admin.AdminTokenFile;
import eu.sovereignmail.gateway.http.provisioning.ProvisioningEventsApi;
import eu.sovereignmail.stack.james.JamesBackend;
import eu.sovereignmail.stack.james.JamesSettings;
import eu.sovereignmail.stack.james.JamesWebAdmin;
import eu.sovereignmail.stack.keycloak.KeycloakAdmin;
import eu.sovereignmail.stack.keycloak.KeycloakDistribution;
import eu.sovereignmail.stack.keycloak.KeycloakServer;
import eu.sovereignmail.stack.keycloak.KeycloakSettings;
import eu.sovereignmail.stack.keycloak.RealmImport;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole stack of {@code up} on one machine: MariaDB, Keycloak and James as child processes, the
 * gateway in this JVM. Starts them in dependency order and stops them in reverse, once.
 */
public final class Stack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Stack.class);
  static final String JAMES_DATABASE = "sovereign_james";
  static final String GATEWAY_DATABASE = "sovereign_gateway";
  static final String GATEWAY_HOSTNAME = "mx." + DemoUser.DOMAIN;
  static final String REALM = "sovereign";
  static final String REALM_RESOURCE = "keycloak/sovereign-realm.json";
  static final String GATEWAY_CLIENT = "sovereign-gateway";
  static final Set<String> PROVISIONING_ROLES =
      Set.of("view-users", "query-users", "query-groups", "view-events", "manage-users");
  /** The Keycloak event listener of the keycloak-extension module, and the file of its shared secret. */
  static final String EVENTS_LISTENER = "sovereign-mail";
  static final String PUSH_SECRET_FILE = "provisioning-events.secret";
  private static final Duration KEYCLOAK_STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(10);

  private final UpSettings settings;
  private final Shutdown shutdown = new Shutdown();
  private final Health health = new Health(Duration.ofSeconds(3));

  private Stack(UpSettings settings) {
    this.settings = settings;
  }

  /** A stack not started yet; {@link #close()} may be called at any time, even during {@link #start}. */
  public static Stack prepare(UpSettings settings) {
    return new Stack(settings);
  }

  /** Checks every port, then starts each part; on failure stops what had started and rethrows. */
  public void start(PrintWriter out) throws Exception {
    long started = System.nanoTime();
    for (StackPorts.Binding binding : settings.ports().bindings(settings.database().isEmpty())) {
      if (!Ports.isFree(settings.bindAddress(), binding.port())) {
        throw new PortInUseException(settings.bindAddress(), binding);
      }
    }
    try {
      StackCredentials credentials = StackCredentials.load(settings);
      AdminTokenFile.loadOrCreate(pushSecretFile());
      Database database = startDatabase(credentials);
      Database gatewayDatabase = gatewayDatabase(credentials);
      health.register("mariadb", database::check);
      // Keycloak and James are the slow ones and need only the database: start them side by side.
      try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<?> keycloak = parallel.submit(() -> startKeycloak(credentials));
        Future<?> james = parallel.submit(() -> startJames(credentials, database));
        awaitBoth(keycloak, james);
      }
      if (shutdown.isClosed()) {
        throw new InterruptedException("stopped while starting");
      }
      startGateway(credentials, gatewayDatabase);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      LOG.info("event=stack.up ms={}", took.toMillis());
      Banner.print(out, settings, credentials, took);
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  private EmbeddedMariaDb embedded;

  /** The gateway's own database (routes, queue audit, archive journal), next to James's. */
  private Database gatewayDatabase(StackCredentials credentials) throws Exception {
    if (embedded == null) {
      return externalDatabase(GATEWAY_DATABASE);
    }
    String password = credentials.internal("mariadb.gateway.password");
    embedded.ensureDatabase(GATEWAY_DATABASE, GATEWAY_DATABASE, password);
    return new Database(embedded.jdbcUrl(GATEWAY_DATABASE), GATEWAY_DATABASE, password);
  }

  /** Creates {@code name} on the operator's MariaDB (if missing) and returns it with the operator's account. */
  private Database externalDatabase(String name) throws Exception {
    UpSettings.ExternalDatabase external = settings.database().orElseThrow();
    try (Connection connection = DriverManager.getConnection(external.url() + "/", external.user(), external.password())) {
      connection.createStatement().execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4");
    }
    return new Database(external.url() + "/" + name, external.user(), external.password());
  }

  private Database startDatabase(StackCredentials credentials) throws Exception {
    String jamesPassword = credentials.internal("mariadb.james.password");
    if (settings.database().isPresent()) {
      return externalDatabase(JAMES_DATABASE);
    }
    EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(settings.dataDir().resolve("mariadb"), settings.ports().mariadb());
    shutdown.register("mariadb", mariaDb::close);
    embedded = mariaDb;
    mariaDb.ensureDatabase(JAMES_DATABASE, JAMES_DATABASE, jamesPassword);
    return new Database(mariaDb.jdbcUrl(JAMES_DATABASE), JAMES_DATABASE, jamesPassword);
  }

  private Void startKeycloak(StackCredentials credentials) throws Exception {
    KeycloakSettings defaults = KeycloakSettings.defaults(
        settings.dataDir().resolve("keycloak"),
        KeycloakDistribution.locate(),
        credentials.demo("keycloak.admin.user"),
        credentials.demo("keycloak.admin.password"),
        RealmImport.fromClasspath(Stack.class.getClassLoader(), REALM_RESOURCE));
    KeycloakSettings keycloakSettings = new KeycloakSettings(defaults.home(), defaults.distribution(),
        settings.bindAddress().getHostAddress(), settings.ports().keycloak(), settings.ports().keycloakManagement(),
        defaults.adminUser(), defaults.adminPassword(), defaults.realm(), defaults.heap(), defaults.startTimeout());
    Optional<Path> listener = KeycloakExtensionJar.locate(settings.home(), Stack.class.getClassLoader());
    if (listener.isPresent()) {
      keycloakSettings = keycloakSettings.withProviders(List.of(listener.get()), Map.of(
          "spi-events-listener--" + EVENTS_LISTENER + "--url", pushUrl(),
          "spi-events-listener--" + EVENTS_LISTENER + "--secret-file", pushSecretFile().toString()));
    } else {
      LOG.warn("event=stack.keycloak_listener_missing looked_in={} hint=\"build the project (./mvnw package); until then "
          + "Keycloak changes reach James through the poller only\"", settings.home().resolve("keycloak-extension").resolve("target"));
    }
    KeycloakServer keycloak = KeycloakServer.start(keycloakSettings);
    if (!shutdown.register("keycloak", () -> keycloak.stop(KEYCLOAK_STOP_GRACE))) {
      return null;
    }
    KeycloakAdmin admin = KeycloakAdmin.of(keycloakSettings);
    admin.setClientSecret(REALM, GATEWAY_CLIENT, credentials.internal("keycloak.gateway.client-secret"));
    // Provisioning reads the realm as the gateway's service account (already in the realm file; older data
    // directories imported the realm before it was).
    admin.ensureServiceAccount(REALM, GATEWAY_CLIENT, PROVISIONING_ROLES);
    if (listener.isPresent()) {
      // a data directory from before the listener existed has the realm without it
      admin.ensureEventsListener(REALM, EVENTS_LISTENER);
    }
    // The shipped realm returns browsers to the archive UI only on port 8080; this stack's UI may be elsewhere.
    GatewayConfig.ArchiveUi ui = GatewayConfig.ArchiveUi.defaults();
    admin.ensureRedirectUri(REALM, ui.clientId(),
        ui.publicUrlOr(settings.bindAddress().getHostAddress(), settings.ports().http()));
    for (DemoUser user : DemoUser.ALL) {
      admin.ensureUser(REALM, user.username(), user.email(), user.firstName(), user.lastName(),
          credentials.demo(user.username() + ".password"), user.roles());
    }
    health.register("keycloak", () -> requireHealthy(keycloak.healthy(), "Keycloak", keycloak.logFile()));
    return null;
  }

  /** The gateway endpoint Keycloak's listener pushes to. */
  private String pushUrl() {
    String host = settings.bindAddress() instanceof Inet6Address
        ? "[" + settings.bindAddress().getHostAddress() + "]" : settings.bindAddress().getHostAddress();
    return "http://" + host + ":" + settings.ports().http() + ProvisioningEventsApi.PATH;
  }

  /** The secret Keycloak's listener and the gateway share: one line, mode 600, made on the first run. */
  private Path pushSecretFile() {
    return pushSecretFile(settings);
  }

  private static Path pushSecretFile(UpSettings settings) {
    return settings.dataDir().resolve(PUSH_SECRET_FILE);
  }

  private Void startJames(StackCredentials credentials, Database database) throws Exception {
    JamesSettings defaults = JamesSettings.defaults(
        settings.dataDir().resolve("james"),
        settings.jamesDistribution(),
        database.jdbcUrl(), database.user(), database.password(),
        credentials.demo("james.admin.user"), credentials.demo("james.admin.password"));
    StackPorts ports = settings.ports();
    JamesSettings jamesSettings = new JamesSettings(defaults.home(), defaults.distribution(),
        settings.bindAddress().getHostAddress(),
        new JamesSettings.Ports(ports.jamesSmtp(), ports.jamesLmtp(), ports.jamesImap(), ports.jamesWebAdmin()),
        defaults.jdbcUrl(), defaults.jdbcUser(), defaults.jdbcPassword(), defaults.adminUser(), defaults.adminPassword(),
        defaults.heap());
    JamesBackend james = JamesBackend.start(jamesSettings);
    if (!shutdown.register("james", james::close)) {
      return null;
    }
    JamesWebAdmin webAdmin = james.webAdmin();
    webAdmin.ensureDomain(DemoUser.DOMAIN);
    var existing = webAdmin.listUsers();
    for (DemoUser user : DemoUser.ALL) {
      // People log in at the gateway (Keycloak); the gateway opens their James sessions as the James
      // administrator, so their James passwords are random and never used.
      if (!existing.contains(user.email())) {
        webAdmin.ensureUser(user.email(), CredentialsFile.randomPassword());
      }
    }
    health.register("james", () -> requireHealthy(james.healthy(), "James", james.logFile()));
    return null;
  }

  private static void requireHealthy(boolean healthy, String what, Path log) {
    if (!healthy) {
      throw new IllegalStateException(what + " is not answering (log: " + log + ")");
    }
  }

  private static void awaitBoth(Future<?> first, Future<?> second) throws Exception {
    try {
      first.get();
      second.get();
    } catch (ExecutionException e) {
      first.cancel(true);
      second.cancel(true);
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** The gateway itself, configured for this machine: the same class `sovereign-mail gateway` runs from a file. */
  private void startGateway(StackCredentials credentials, Database database) throws Exception {
    Gateway gateway = Gateway.start(gatewayConfig(settings, credentials, database), health);
    shutdown.register("gateway", gateway::close);
  }

  /** The gateway configuration {@code up} runs with (also what {@code archive} opens for an {@code up} data directory). */
  static GatewayConfig gatewayConfig(UpSettings settings, StackCredentials credentials, Database database) {
    StackPorts ports = settings.ports();
    String bind = settings.bindAddress().getHostAddress();
    return new GatewayConfig(GATEWAY_HOSTNAME, settings.dataDir().resolve("gateway"), bind,
        new GatewayConfig.Smtp(ports.smtpMx(), ports.smtpSubmission(), ports.smtps(), null, null, null, null, null, false,
            null, null, null, null),
        null, new GatewayConfig.Http(ports.http()),
        new GatewayConfig.Database(database.jdbcUrl(), database.user(), database.password()),
        null,
        new GatewayConfig.James(bind, ports.jamesLmtp(), ports.jamesWebAdmin(), ports.jamesImap(),
            credentials.demo("james.admin.user"), credentials.demo("james.admin.password")),
        new GatewayConfig.Identity(URI.create("http://" + bind + ":" + ports.keycloak() + "/realms/" + REALM),
            GATEWAY_CLIENT, credentials.internal("keycloak.gateway.client-secret")),
        null, null, null,
        new GatewayConfig.Delivery(null, Duration.ofSeconds(30), Duration.ofMinutes(30), null),
        new GatewayConfig.Imap(ports.imap(), ports.imaps(), bind, null, null, null, null, null, null, null, null, null),
        new GatewayConfig.Autoconfig(bind, ports.imaps(), ports.imap(), bind, ports.smtps(), ports.smtpSubmission(), null),
        // One machine on loopback: no DNS questions about senders' domains (a production config turns the checks on).
        null, null, new GatewayConfig.Authentication(false, null, null, null),
        // Users created in Keycloak get a James mailbox within seconds (admin-events poller), drift is fixed hourly.
        new GatewayConfig.Provisioning(List.of(DemoUser.DOMAIN), null, Duration.ofSeconds(2), null, null, null),
        new GatewayConfig.ProvisioningPush(pushSecretFile(settings)));
  }

  /** Stops every part, newest first; then ends any process of ours still alive (e.g. one still starting). */
  @Override
  public void close() {
    shutdown.closeAll();
    health.close();
    List<ProcessHandle> leftovers = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    leftovers.forEach(ProcessHandle::destroy);
    for (ProcessHandle process : leftovers) {
      try {
        process.onExit().get(LEFTOVER_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception notYet) {
        LOG.warn("event=stack.kill pid={} command={}", process.pid(), process.info().command().orElse("?"));
        process.destroyForcibly();
      }
    }
  }
}
