package eu.sovereignmail.gateway.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.gateway.auth.IdentityAuthenticator;
import eu.sovereignmail.gateway.config.GatewayConfig;
import eu.sovereignmail.gateway.delivery.ArchiveJournalSink;
import eu.sovereignmail.gateway.delivery.DeliverySettings;
import eu.sovereignmail.gateway.delivery.DeliveryWorker;
import eu.sovereignmail.gateway.delivery.LmtpClient;
import eu.sovereignmail.gateway.delivery.LmtpTarget;
import eu.sovereignmail.gateway.delivery.RelayCredentials;
import eu.sovereignmail.gateway.delivery.RelaySettings;
import eu.sovereignmail.gateway.delivery.RetrySchedule;
import eu.sovereignmail.gateway.delivery.SmtpRelayTransport;
import eu.sovereignmail.gateway.delivery.TlsPolicy;
import eu.sovereignmail.gateway.delivery.Transport;
import eu.sovereignmail.gateway.delivery.TrustSource;
import eu.sovereignmail.gateway.directory.Directory;
import eu.sovereignmail.gateway.directory.DirectorySettings;
import eu.sovereignmail.gateway.directory.JamesDirectorySource;
import eu.sovereignmail.gateway.dsn.BounceSender;
import eu.sovereignmail.gateway.health.Health;
import eu.sovereignmail.gateway.http.GatewayHttpServer;
import eu.sovereignmail.gateway.http.HttpModule;
import eu.sovereignmail.gateway.http.admin.AdminAuth;
import eu.sovereignmail.gateway.http.admin.AdminToken;
import eu.sovereignmail.gateway.http.admin.AdminTokenFile;
import eu.sovereignmail.gateway.http.admin.BearerVerifier;
import eu.sovereignmail.gateway.http.admin.JdbcQueueAudit;
import eu.sovereignmail.gateway.http.admin.OpenApiDocument;
import eu.sovereignmail.gateway.http.admin.QueueAdminApi;
import eu.sovereignmail.gateway.http.admin.RouteAdminApi;
import eu.sovereignmail.gateway.metrics.GatewayMetrics;
import eu.sovereignmail.gateway.metrics.SpoolMetrics;
import eu.sovereignmail.gateway.routing.AlertSink;
import eu.sovereignmail.gateway.routing.CompositeAlertSink;
import eu.sovereignmail.gateway.routing.FailoverPolicy;
import eu.sovereignmail.gateway.routing.FailoverSettings;
import eu.sovereignmail.gateway.routing.JdbcRouteStore;
import eu.sovereignmail.gateway.routing.LogAlertSink;
import eu.sovereignmail.gateway.routing.MetricAlertSink;
import eu.sovereignmail.gateway.routing.PostmasterAlertSink;
import eu.sovereignmail.gateway.routing.Route;
import eu.sovereignmail.gateway.routing.RouteRule;
import eu.sovereignmail.gateway.routing.Router;
import eu.sovereignmail.gateway.routing.WebhookAlertSink;
import eu.sovereignmail.gateway.routing.WebhookSettings;
import eu.sovereignmail.gateway.smtp.server.ServerLimits;
import eu.sovereignmail.gateway.smtp.server.SmtpListener;
import eu.sovereignmail.gateway.smtp.server.SmtpServer;
import eu.sovereignmail.gateway.smtp.server.SmtpTls;
import eu.sovereignmail.gateway.smtp.session.Authenticator;
import eu.sovereignmail.gateway.smtp.session.ListenerKind;
import eu.sovereignmail.gateway.smtp.session.SessionPolicies;
import eu.sovereignmail.gateway.smtp.session.SessionSettings;
import eu.sovereignmail.gateway.spool.Destination;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import eu.sovereignmail.identity.auth.CredentialAuthenticator;
import eu.sovereignmail.identity.auth.IdentitySettings;
import eu.sovereignmail.stack.james.JamesWebAdmin;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway process put together from its configuration: spool, archive journal, continuity routes, next hops,
 * delivery worker, SMTP front doors and the admin HTTP port. Started in dependency order (the spool is replayed
 * before any door opens), stopped in reverse; {@code up} runs the same class in its own JVM.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final Shutdown shutdown = new Shutdown();
  private final Health health;
  private final GatewayConfig config;
  private SmtpServer smtp;
  private GatewayHttpServer http;
  private Path adminTokenFile;

  private Gateway(GatewayConfig config, Health health) {
    this.config = config;
    this.health = health;
  }

  /** Starts every part; on failure stops what had started and rethrows. */
  public static Gateway start(GatewayConfig config) throws Exception {
    return start(config, new Health(Duration.ofSeconds(3)));
  }

  /** Starts every part, reporting in {@code health} (which {@code /health} serves; {@code up} adds its own parts). */
  public static Gateway start(GatewayConfig config, Health health) throws Exception {
    Gateway gateway = new Gateway(config, health);
    try {
      gateway.startParts();
      return gateway;
    } catch (Exception e) {
      gateway.close();
      throw e;
    }
  }

  private void startParts() throws Exception {
    long started = System.nanoTime();
    Clock clock = Clock.systemUTC();
    Files.createDirectories(config.dataDir());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    GatewayMetrics metrics = new GatewayMetrics(registry);

    HikariDataSource database = dataSource(config.database(), "gateway");
    shutdown.register("database-pool", database::close);
    health.register("database", () -> {
      try (var connection = database.getConnection()) {
        connection.isValid(2);
      }
    });

    Archive archive = openArchive();
    shutdown.register("archive", archive::close);

    Spool spool = Spool.open(config.spoolDir(), SpoolSettings.defaults());
    shutdown.register("spool", spool::close);
    new SpoolMetrics(spool, clock).bindTo(registry);

    JamesWebAdmin webAdmin = new JamesWebAdmin(config.james().host(), config.james().webadminPort());
    Directory directory = new Directory(new JamesDirectorySource(webAdmin), DirectorySettings.defaults());
    shutdown.register("directory", directory::close);
    directory.start();
    if (!directory.awaitLoaded(Duration.ofSeconds(30))) {
      LOG.warn("event=gateway.directory_not_loaded webadmin={}:{} hint=\"RCPT answers 4xx until James WebAdmin answers\"",
          config.james().host(), config.james().webadminPort());
    }
    health.register("james-webadmin", () -> {
      if (!webAdmin.healthy()) {
        throw new IllegalStateException("James WebAdmin is not answering");
      }
    });

    JdbcRouteStore routes = JdbcRouteStore.open(database);
    shutdown.register("routes", routes::close);
    routes.startRefresh(Duration.ofSeconds(10));
    Route defaultRoute = Route.valueOf(config.routing().defaultRoute());
    Router router = Router.standard(routes, defaultRoute);
    AlertSink alerts = alerts(spool, registry, clock);
    ContinuityRouting routing = new ContinuityRouting(directory, router, new FailoverPolicy(new FailoverSettings(
        config.routing().failoverWindow(), RouteRule.Scope.valueOf(config.routing().failoverScope()))),
        routes, alerts, metrics::failover, clock);

    Map<Destination, Transport> transports = new EnumMap<>(Destination.class);
    transports.put(Destination.JAMES, new LmtpClient(new LmtpTarget(config.james().host(), config.james().lmtpPort(),
        config.hostname(), Duration.ofSeconds(5), Duration.ofMinutes(5))));
    config.legacyProvider().ifPresent(relay -> transports.put(Destination.LEGACY, relay("legacy", relay)));
    config.outbound().ifPresent(relay -> transports.put(Destination.REMOTE, relay("outbound", relay)));
    transports.values().forEach(t -> shutdown.register("transport-" + t.name(), t::close));

    var delivery = config.delivery();
    DeliveryWorker worker = new DeliveryWorker(spool, new ArchiveJournalSink(archive.journal(), config.hostname()),
        transports, routing,
        new DeliverySettings(delivery.concurrency(), Duration.ofMillis(250),
            new RetrySchedule(delivery.retryInitial(), delivery.retryCap(), delivery.maxAge())),
        new BounceSender(spool, config.hostname(), clock), clock);
    worker.start();
    shutdown.register("delivery", worker::close);

    Optional<CredentialAuthenticator> identity = config.identityProvider().map(id ->
        new CredentialAuthenticator(IdentitySettings.defaults(id.issuer(), id.clientId(), id.clientSecret())));
    identity.ifPresent(i -> shutdown.register("identity", i::close));
    Authenticator authenticator = identity.<Authenticator>map(IdentityAuthenticator::new)
        .orElse((credentials, clientIp) -> new Authenticator.Result.Unavailable());

    SmtpTls tls = TlsSetup.start(config, shutdown);
    smtp = new SmtpServer(listeners(), limits(), Optional.of(tls), spool,
        new SessionPolicies(directory, authenticator, directory), clock);
    smtp.start();
    shutdown.register("smtp", smtp::close);

    adminTokenFile = config.dataDir().resolve("admin.token");
    AdminToken token = AdminTokenFile.loadOrCreate(adminTokenFile);
    BearerVerifier keycloak = identity.<BearerVerifier>map(i -> i::verifyAccessToken).orElse(BearerVerifier.NONE);
    AdminAuth auth = new AdminAuth(token, keycloak);
    List<HttpModule> modules = List.of(
        new QueueAdminApi(spool, new JdbcQueueAudit(database), auth, clock),
        new RouteAdminApi(routes, defaultRoute, auth, clock),
        new OpenApiDocument());
    http = GatewayHttpServer.start(InetAddress.getByName(config.bind()), config.http().port(), health, registry, modules);
    shutdown.register("http", http::close);
    health.register("gateway", () -> {});
    LOG.info("event=gateway.started ms={} {}", (System.nanoTime() - started) / 1_000_000, describe().replace('\n', ' '));
  }

  private Archive openArchive() throws IOException {
    return GatewayArchive.openForGateway(config);
  }

  private AlertSink alerts(Spool spool, PrometheusMeterRegistry registry, Clock clock) {
    List<AlertSink> sinks = new ArrayList<>(List.of(new LogAlertSink(), new MetricAlertSink(registry)));
    if (config.routing().alertWebhook() != null) {
      WebhookAlertSink webhook = new WebhookAlertSink(WebhookSettings.of(config.routing().alertWebhook()), config.hostname());
      shutdown.register("alert-webhook", webhook::close);
      sinks.add(webhook);
    }
    if (config.routing().postmasterAlerts()) {
      PostmasterAlertSink postmaster = new PostmasterAlertSink(spool, config.hostname(), postmasterDomain(), clock);
      shutdown.register("alert-postmaster", postmaster::close);
      sinks.add(postmaster);
    }
    return new CompositeAlertSink(sinks);
  }

  /** The domain whose postmaster hears alerts: the gateway host name without its first label when it has one. */
  private String postmasterDomain() {
    String host = config.hostname().toLowerCase(Locale.ROOT);
    int dot = host.indexOf('.');
    return dot > 0 && host.indexOf('.', dot + 1) > 0 ? host.substring(dot + 1) : host;
  }

  private Transport relay(String name, GatewayConfig.Relay relay) {
    TrustSource trust = relay.trustFile() == null ? TrustSource.jvmDefault()
        : relay.trustFile().toString().endsWith(".p12") || relay.trustFile().toString().endsWith(".pfx")
            ? new TrustSource.Pkcs12(relay.trustFile(), relay.trustPassword() == null ? "" : relay.trustPassword())
            : new TrustSource.Pem(relay.trustFile());
    RelaySettings settings = RelaySettings.defaults(name, relay.host(), relay.port(), config.hostname())
        .withTls(TlsPolicy.valueOf(relay.tls()), trust, relay.verifyHostname());
    if (relay.username() != null) {
      settings = settings.withCredentials(new RelayCredentials(relay.username(), relay.password()));
    }
    return new SmtpRelayTransport(settings);
  }

  private List<SmtpListener> listeners() {
    var s = config.smtp();
    List<SmtpListener> listeners = new ArrayList<>();
    addListener(listeners, ListenerKind.MX, s.mxPort());
    addListener(listeners, ListenerKind.SUBMISSION, s.submissionPort());
    addListener(listeners, ListenerKind.SUBMISSIONS, s.submissionsPort());
    return listeners;
  }

  private void addListener(List<SmtpListener> listeners, ListenerKind kind, int port) {
    if (port >= 0) {
      SessionSettings session = SessionSettings.defaults(kind, config.hostname())
          .withMaxMessageSize(config.smtp().maxMessageSize())
          .withMaxRecipients(config.smtp().maxRecipients());
      listeners.add(new SmtpListener(config.bind(), port, session));
    }
  }

  private ServerLimits limits() {
    var s = config.smtp();
    return ServerLimits.defaults()
        .withConnections(s.maxConnections(), s.maxConnectionsPerIp())
        .withTimeouts(s.idleTimeout(), ServerLimits.defaults().preEhloTimeout())
        .withReverseDns(s.reverseDns());
  }

  static HikariDataSource dataSource(GatewayConfig.Database db, String name) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(db.url());
    hikari.setUsername(db.user());
    hikari.setPassword(db.password());
    hikari.setMaximumPoolSize(6);
    hikari.setPoolName(name);
    hikari.setInitializationFailTimeout(30_000);
    return new HikariDataSource(hikari);
  }

  /** The endpoints, one per line, for the operator's console. */
  public String describe() {
    StringBuilder out = new StringBuilder("Sovereign Mail gateway ").append(config.hostname()).append('\n');
    if (smtp != null) {
      List<SmtpListener> listeners = listeners();
      for (int i = 0; i < listeners.size(); i++) {
        out.append("  smtp ").append(listeners.get(i).session().kind().name().toLowerCase(Locale.ROOT)).append(": ")
            .append(config.bind()).append(':').append(smtp.port(i)).append('\n');
      }
    }
    if (http != null) {
      out.append("  http: http://").append(config.bind()).append(':').append(http.port())
          .append("  (/health, /metrics, /api)\n");
      out.append("  admin token: ").append(adminTokenFile).append('\n');
    }
    return out.toString();
  }

  public int smtpPort(ListenerKind kind) {
    List<SmtpListener> listeners = listeners();
    for (int i = 0; i < listeners.size(); i++) {
      if (listeners.get(i).session().kind() == kind) {
        return smtp.port(i);
      }
    }
    throw new IllegalArgumentException(kind + " is turned off");
  }

  public int httpPort() {
    return http.port();
  }

  public Health health() {
    return health;
  }

  @Override
  public void close() {
    shutdown.closeAll();
    health.close();
  }
}
