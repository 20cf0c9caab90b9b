package eu.sovereignmail.gateway.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.gateway.auth.Authenticator;
import eu.sovereignmail.gateway.auth.IdentityAuthenticator;
import eu.sovereignmail.gateway.authres.DkimCheck;
import eu.sovereignmail.gateway.authres.DmarcAction;
import eu.sovereignmail.gateway.authres.DmarcCheck;
import eu.sovereignmail.gateway.authres.InboundAuthentication;
import eu.sovereignmail.gateway.authres.SpfCheck;
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
import eu.sovereignmail.gateway.dkim.DkimKeyStore;
import eu.sovereignmail.gateway.dkim.DkimSigner;
import eu.sovereignmail.gateway.dkim.DkimSigningTransport;
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
import eu.sovereignmail.gateway.http.apppassword.AppPasswordAccess;
import eu.sovereignmail.gateway.http.archive.ArchiveAccess;
import eu.sovereignmail.gateway.http.archive.ArchiveApi;
import eu.sovereignmail.gateway.http.archive.AuditApi;
import eu.sovereignmail.gateway.http.archive.CasesApi;
import eu.sovereignmail.gateway.http.archive.ExportsApi;
import eu.sovereignmail.gateway.http.archive.LegalParts;
import eu.sovereignmail.gateway.http.archive.ReadScope;
import eu.sovereignmail.gateway.http.archive.RetentionApi;
import eu.sovereignmail.gateway.http.archive.ArchiveReader;
import eu.sovereignmail.gateway.http.archive.BrowserSessions;
import eu.sovereignmail.gateway.http.archiveui.ArchiveUi;
import eu.sovereignmail.gateway.http.archiveui.ArchiveUiSettings;
import eu.sovereignmail.gateway.http.archiveui.LegalSections;
import eu.sovereignmail.gateway.http.apppassword.AppPasswordApi;
import eu.sovereignmail.gateway.http.autoconfig.AutoconfigModule;
import eu.sovereignmail.gateway.http.autoconfig.ClientSettings;
import eu.sovereignmail.gateway.http.provisioning.ProvisioningEventsApi;
import eu.sovereignmail.gateway.imap.server.ImapLimits;
import eu.sovereignmail.gateway.imap.server.ImapListener;
import eu.sovereignmail.gateway.imap.server.ImapServer;
import eu.sovereignmail.gateway.imap.server.JamesImapBackend;
import eu.sovereignmail.gateway.imap.session.ImapSessionSettings;
import eu.sovereignmail.gateway.limits.TrafficGovernor;
import eu.sovereignmail.gateway.metrics.GatewayMetrics;
import eu.sovereignmail.gateway.metrics.ImapMetrics;
import eu.sovereignmail.gateway.metrics.SpoolMetrics;
import eu.sovereignmail.gateway.outbound.DirectTransport;
import eu.sovereignmail.gateway.outbound.DnsClient;
import eu.sovereignmail.gateway.outbound.MtaSts;
import eu.sovereignmail.gateway.outbound.OutboundSettings;
import eu.sovereignmail.gateway.outbound.PolicyFetcher;
import eu.sovereignmail.gateway.provisioning.BackendImap;
import eu.sovereignmail.gateway.provisioning.JamesMailDirectory;
import eu.sovereignmail.gateway.provisioning.ProvisioningAdminApi;
import eu.sovereignmail.gateway.routing.Alert;
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
import eu.sovereignmail.gateway.smtp.session.ListenerKind;
import eu.sovereignmail.gateway.smtp.session.MessageFilter;
import eu.sovereignmail.gateway.smtp.session.SessionPolicies;
import eu.sovereignmail.gateway.smtp.session.SessionSettings;
import eu.sovereignmail.gateway.spool.Destination;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import eu.sovereignmail.gateway.spool.SpoolListener;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import eu.sovereignmail.gateway.tls.ServerTls;
import eu.sovereignmail.identity.apppassword.Account;
import eu.sovereignmail.identity.apppassword.AccountLookup;
import eu.sovereignmail.identity.apppassword.AppPasswordSettings;
import eu.sovereignmail.identity.apppassword.AppPasswords;
import eu.sovereignmail.identity.apppassword.JdbcAppPasswordRepository;
import eu.sovereignmail.identity.auth.CredentialAuthenticator;
import eu.sovereignmail.identity.auth.IdentitySettings;
import eu.sovereignmail.identity.provisioning.ChangeListener;
import eu.sovereignmail.identity.provisioning.DeletionPolicy;
import eu.sovereignmail.identity.provisioning.KeycloakIdentitySource;
import eu.sovereignmail.identity.provisioning.Provisioner;
import eu.sovereignmail.identity.provisioning.ProvisioningSettings;
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
import java.util.Set;
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
  private ImapServer imap;
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
    DnsClient dns = new DnsClient(config.dns().servers(), config.dns().timeout());
    config.outboundDelivery().ifPresent(outbound -> transports.put(Destination.REMOTE, outbound(outbound, dns, clock)));
    transports.values().forEach(t -> shutdown.register("transport-" + t.name(), t::close));

    var delivery = config.delivery();
    DeliveryWorker worker = new DeliveryWorker(spool, new ArchiveJournalSink(archive.journal(), config.hostname()),
        transports, routing,
        new DeliverySettings(delivery.concurrency(), Duration.ofMillis(250),
            new RetrySchedule(delivery.retryInitial(), delivery.retryCap(), delivery.maxAge())),
        new BounceSender(spool, config.hostname(), clock), metrics, clock);
    spool.addListener(metrics);
    spool.addListener(new SpoolListener() {
      @Override
      public void committed(SpoolEntry entry) {
        worker.wakeUp();
      }

      @Override
      public void due(EntryId id) {
        worker.wakeUp();
      }
    });
    worker.start();
    shutdown.register("delivery", worker::close);

    // App passwords (IMAP/SMTP for users with MFA) live in the gateway's database; only with Keycloak configured.
    Optional<AppPasswords> appPasswords = config.identityProvider().map(id ->
        AppPasswords.open(JdbcAppPasswordRepository.open(database), AppPasswordSettings.defaults()));
    appPasswords.ifPresent(store -> {
      shutdown.register("app-passwords", store::close);
      store.startRefresh();
    });
    Optional<CredentialAuthenticator> identity = config.identityProvider().map(id -> {
      IdentitySettings settings = IdentitySettings.defaults(id.issuer(), id.clientId(), id.clientSecret());
      return appPasswords.map(store -> new CredentialAuthenticator(settings, store))
          .orElseGet(() -> new CredentialAuthenticator(settings));
    });
    identity.ifPresent(i -> shutdown.register("identity", i::close));
    Authenticator authenticator = identity.<Authenticator>map(IdentityAuthenticator::new)
        .orElse((credentials, clientIp) -> new Authenticator.Result.Unavailable());

    Optional<Provisioner> provisioner = startProvisioning(identity, webAdmin, alerts, clock);

    ServerTls tls = TlsSetup.start(config, shutdown);
    smtp = new SmtpServer(listeners(), limits(), Optional.of(tls), spool,
        new SessionPolicies(directory, authenticator, directory,
            new TrafficGovernor(config.smtp().trafficLimits(), clock), inboundChecks(dns)),
        clock);
    smtp.start();
    shutdown.register("smtp", smtp::close);
    startImap(tls, authenticator, identity, registry);

    adminTokenFile = config.dataDir().resolve("admin.token");
    AdminToken token = AdminTokenFile.loadOrCreate(adminTokenFile);
    BearerVerifier keycloak = identity.<BearerVerifier>map(i -> i::verifyAccessToken).orElse(BearerVerifier.NONE);
    AdminAuth auth = new AdminAuth(token, keycloak);
    List<HttpModule> modules = new ArrayList<>(List.of(
        new QueueAdminApi(spool, new JdbcQueueAudit(database), auth, clock),
        new RouteAdminApi(routes, defaultRoute, auth, clock),
        new ProvisioningAdminApi(provisioner, auth),
        new OpenApiDocument()));
    modules.add(new AutoconfigModule(clientSettings()));
    if (config.push().isPresent()) {
      ChangeListener listener = provisioner.<ChangeListener>map(p -> p).orElseGet(this::provisioningListener);
      modules.add(new ProvisioningEventsApi(AdminTokenFile.loadOrCreate(config.push().get().secretFile()), realmName(),
          listener));
    }
    // Admins naming a user who has no app password yet are answered from the realm through provisioning.
    AccountLookup accounts = provisioner.<AccountLookup>map(p -> login -> accountOf(p, login)).orElse(AccountLookup.NONE);
    appPasswords.ifPresent(store -> modules.add(
        new AppPasswordApi(store, new AppPasswordAccess(token, keycloak, accounts, store))));
    addArchiveModules(modules, identity, keycloak, archive, clock);
    http = GatewayHttpServer.start(InetAddress.getByName(config.bind()), config.http().port(), health, registry, modules);
    shutdown.register("http", http::close);
    health.register("gateway", () -> {});
    LOG.info("event=gateway.started ms={} {}", (System.nanoTime() - started) / 1_000_000, describe().replace('\n', ' '));
  }

  /**
   * The archive API ({@code /api/archive}) and, with Keycloak configured, the legal UI ({@code /archive/}). Both accept
   * access tokens for the gateway client or for the UI's public client (one verifier, both audiences). Revocations end
   * UI sessions too. The legal workflows (cases, holds, retention and purges, exports, audit log) get their API modules
   * and UI sections over the same access checks.
   */
  private void addArchiveModules(List<HttpModule> modules, Optional<CredentialAuthenticator> identity,
      BearerVerifier gatewayTokens, Archive archive, Clock clock) {
    ArchiveReader reader = new ArchiveReader(archive.search(), archive.journal()::read, archive.audit()::record,
        ReadScope.of(archive.cases()));
    LegalParts legal = LegalParts.of(archive);
    BearerVerifier tokens = gatewayTokens;
    BrowserSessions sessions = BrowserSessions.NONE;
    if (identity.isPresent() && config.identityProvider().isPresent()) {
      GatewayConfig.Identity id = config.identityProvider().get();
      GatewayConfig.ArchiveUi ui = config.http().archiveUi();
      Set<String> clients = Set.of(id.clientId(), ui.clientId());
      tokens = token -> identity.get().verifyAccessToken(token, clients);
      if (ui.enabled()) {
        ArchiveUi module = new ArchiveUi(new ArchiveUiSettings(ui.publicUrlOr(config.bind(), config.http().port()),
            ui.realmUrl() == null ? id.issuer() : ui.realmUrl(), id.issuer(), ui.clientId(), ui.idleTimeout(),
            ui.absoluteTimeout()), tokens, reader, LegalSections.all(legal), clock);
        shutdown.register("archive-ui", module::close);
        identity.get().addRevocationListener(module::revoke);
        sessions = module.sessions();
        modules.add(module);
      }
    }
    ArchiveAccess access = new ArchiveAccess(tokens, sessions);
    modules.add(new ArchiveApi(reader, access));
    modules.add(new CasesApi(legal, access));
    modules.add(new ExportsApi(legal, access));
    modules.add(new RetentionApi(legal, access));
    modules.add(new AuditApi(legal, access));
  }

  /** The IMAP doors when configured; identity's revocations close the user's open sessions. */
  private void startImap(ServerTls tls, Authenticator authenticator, Optional<CredentialAuthenticator> identity,
      PrometheusMeterRegistry registry) throws IOException {
    if (config.imapDoors().isEmpty()) {
      return;
    }
    GatewayConfig.Imap settings = config.imapDoors().get();
    JamesImapBackend backend = new JamesImapBackend(
        settings.backendHost() == null ? config.james().host() : settings.backendHost(), settings.backendPort(),
        settings.backendAdminUser(), settings.backendAdminPassword(), Duration.ofSeconds(5), Duration.ofSeconds(30));
    ImapLimits limits = new ImapLimits(settings.idleTimeout(), settings.loginTimeout(), settings.maxConnections(),
        settings.maxConnectionsPerIp(), settings.maxSessionsPerUser());
    imap = new ImapServer(imapListeners(), limits, Optional.of(tls), authenticator, backend, new ImapMetrics(registry));
    imap.start();
    shutdown.register("imap", imap::close);
    identity.ifPresent(i -> i.addRevocationListener(imap::closeSessionsOf));
  }

  private List<ImapListener> imapListeners() {
    List<ImapListener> listeners = new ArrayList<>();
    config.imapDoors().ifPresent(settings -> {
      ImapSessionSettings session = ImapSessionSettings.defaults(config.hostname(), true)
          .withMaxPreAuthCommands(settings.maxCommandsBeforeLogin());
      if (settings.port() >= 0) {
        listeners.add(new ImapListener(config.bind(), settings.port(), false, session));
      }
      if (settings.tlsPort() >= 0) {
        listeners.add(new ImapListener(config.bind(), settings.tlsPort(), true, session.withStartTls(false)));
      }
      if (settings.plainPort() >= 0) {
        listeners.add(ImapListener.plaintext(settings.plainBind(), settings.plainPort(), session));
      }
    });
    return listeners;
  }

  /** What autoconfig tells clients: the configured public names, else this gateway's host name. */
  private ClientSettings clientSettings() {
    GatewayConfig.Autoconfig a = config.autoconfig();
    String imapHost = a.imapHost() == null ? config.hostname() : a.imapHost();
    return new ClientSettings(imapHost, a.imapsPort(), a.imapPort(), a.smtpHost() == null ? imapHost : a.smtpHost(),
        a.smtpsPort(), a.submissionPort(), a.displayName(), postmasterDomain());
  }

  /**
   * Keycloak → James provisioning (reconcile + admin-events poller), when a provisioning section and a Keycloak identity
   * are configured; disabled and deleted users are revoked through the authenticator, so their sessions close.
   */
  private Optional<Provisioner> startProvisioning(Optional<CredentialAuthenticator> identity, JamesWebAdmin webAdmin,
      AlertSink alerts, Clock clock) throws IOException {
    Optional<GatewayConfig.Provisioning> section = config.provisioningSection();
    if (section.isEmpty()) {
      return Optional.empty();
    }
    if (identity.isEmpty() || config.identityProvider().isEmpty()) {
      LOG.warn("event=gateway.provisioning_off reason=\"provisioning needs the identity section (Keycloak)\"");
      return Optional.empty();
    }
    GatewayConfig.Provisioning p = section.get();
    GatewayConfig.Identity id = config.identityProvider().get();
    KeycloakIdentitySource source = new KeycloakIdentitySource(id.issuer(),
        p.clientSecret() == null ? id.clientId() : p.clientId(),
        p.clientSecret() == null ? id.clientSecret() : p.clientSecret());
    shutdown.register("provisioning-keycloak", source::close);
    GatewayConfig.James james = config.james();
    Optional<BackendImap> imap = james.hasImapAdministrator()
        ? Optional.of(new BackendImap(james.host(), james.imapPort(), james.adminUser(), james.adminPassword()))
        : Optional.empty();
    CredentialAuthenticator authenticator = identity.get();
    Provisioner provisioner = new Provisioner(source, new JamesMailDirectory(webAdmin, imap),
        new ProvisioningSettings(Set.copyOf(p.managedDomains()), p.reconcileInterval(), p.pollInterval(),
            DeletionPolicy.valueOf(p.deletionPolicy()), config.dataDir().resolve("provisioning").resolve("state.json")),
        authenticator::revoke,
        (kind, subject, summary) -> alerts.raise(new Alert(clock.instant(), kind, subject, summary, "")),
        clock);
    shutdown.register("provisioning", provisioner::close);
    provisioner.start();
    return Optional.of(provisioner);
  }

  private static Optional<Account> accountOf(Provisioner provisioner, String login) {
    try {
      return provisioner.find(login).map(u -> new Account(u.username(), u.email()));
    } catch (IOException e) {
      LOG.warn("event=gateway.account_lookup_failed login={} error=\"{}\"", login, e.toString());
      return Optional.empty();
    }
  }

  /**
   * Where pushed Keycloak changes go when this gateway has no provisioning section: they are only logged (the
   * gateway that provisions has its own poller and reconcile).
   */
  private ChangeListener provisioningListener() {
    return notice -> LOG.info("event=provisioning.notice kind={} id={} operation={} applied=false",
        notice.kind(), notice.id(), notice.operation());
  }

  /** The realm of the identity issuer ({@code .../realms/<name>}), or null without one. */
  private String realmName() {
    return config.identityProvider().map(id -> {
      String path = id.issuer().getPath();
      return path.substring(path.lastIndexOf('/') + 1);
    }).filter(name -> !name.isBlank()).orElse(null);
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

  /** SPF, DKIM and DMARC on the MX door, recorded in Authentication-Results; off: messages pass unchanged. */
  private MessageFilter inboundChecks(DnsClient dns) {
    var settings = config.authentication();
    if (!settings.enabled()) {
      return MessageFilter.NONE;
    }
    return new InboundAuthentication(new InboundAuthentication.Policy(config.authservId(),
        DmarcAction.valueOf(settings.dmarcReject()), DmarcAction.valueOf(settings.dmarcQuarantine())),
        new SpfCheck(dns, config.hostname()), new DkimCheck(dns), new DmarcCheck(dns), config.dataDir().resolve("tmp"));
  }

  /** Mail to other domains: direct to their MX hosts or through the smart host, DKIM-signed on the way out. */
  private Transport outbound(GatewayConfig.Outbound outbound, DnsClient dns, Clock clock) {
    Transport next = outbound.direct()
        ? new DirectTransport(new OutboundSettings(config.hostname(), outbound.remotePort(),
            outbound.maxConnectionsPerDomain(), outbound.maxIdlePerHost(), outbound.connectTimeout(), outbound.readTimeout(),
            outbound.mtaSts(), outbound.dane()), dns,
            Optional.of(new MtaSts(dns, PolicyFetcher.https(outbound.connectTimeout()), clock)))
        : relay("outbound", outbound.smarthost());
    LOG.info("event=gateway.outbound mode={} dkim_keys={}", outbound.mode(), config.dkim().sign() ? config.dkimKeyDir() : "off");
    return config.dkim().sign()
        ? new DkimSigningTransport(next, new DkimSigner(new DkimKeyStore(config.dkimKeyDir()), clock)) : next;
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
    if (imap != null) {
      List<ImapListener> listeners = imapListeners();
      for (int i = 0; i < listeners.size(); i++) {
        ImapListener listener = listeners.get(i);
        out.append("  imap ").append(listener.implicitTls() ? "tls" : listener.plaintextLogin() ? "plain" : "starttls")
            .append(": ").append(listener.host()).append(':').append(imap.port(i)).append('\n');
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

  /** The bound port of the IMAP door with implicit TLS ({@code true}) or STARTTLS. */
  public int imapPort(boolean implicitTls) {
    List<ImapListener> listeners = imapListeners();
    for (int i = 0; i < listeners.size(); i++) {
      if (listeners.get(i).implicitTls() == implicitTls && !listeners.get(i).plaintextLogin() && imap != null) {
        return imap.port(i);
      }
    }
    throw new IllegalArgumentException("that IMAP door is turned off");
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
