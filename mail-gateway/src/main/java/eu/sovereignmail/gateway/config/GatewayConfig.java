package eu.sovereignmail.gateway.config;

import eu.sovereignmail.gateway.imap.server.ImapListener;
import eu.sovereignmail.gateway.limits.TrafficLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the gateway process needs, read once from YAML ({@link ConfigLoader}) and validated at start with
 * messages that name the key. Optional sections are {@code null} when absent: no legacy provider, no outbound relay,
 * no Keycloak (then AUTH answers 454), no webhook, no outbound delivery.
 */
public record GatewayConfig(
    String hostname,
    Path dataDir,
    String bind,
    Smtp smtp,
    Tls tls,
    Http http,
    Database database,
    Archive archive,
    James james,
    Identity identity,
    Relay legacy,
    Outbound outbound,
    Routing routing,
    Delivery delivery,
    Imap imap,
    Autoconfig autoconfig,
    Dns dns,
    Dkim dkim,
    Authentication authentication,
    Provisioning provisioning,
    ProvisioningPush provisioningPush) {

  public GatewayConfig {
    hostname = Check.word("hostname", hostname);
    Objects.requireNonNull(dataDir, "data-dir is required");
    bind = bind == null ? "127.0.0.1" : bind;
    smtp = smtp == null ? Smtp.defaults() : smtp;
    tls = tls == null ? new Tls(null, null, null, null, null) : tls;
    http = http == null ? new Http(null, null) : http;
    Objects.requireNonNull(database, "database is required (url, user, password)");
    archive = archive == null ? new Archive(null, null, null) : archive;
    Objects.requireNonNull(james, "james is required (host, lmtp-port, webadmin-port)");
    routing = routing == null ? Routing.defaults() : routing;
    delivery = delivery == null ? Delivery.defaults() : delivery;
    autoconfig = autoconfig == null ? Autoconfig.defaults() : autoconfig;
    if (imap != null) {
      imap = imap.orBackend(james);
    }
    dns = dns == null ? new Dns(null, null) : dns;
    dkim = dkim == null ? new Dkim(null, null) : dkim;
    authentication = authentication == null ? Authentication.defaults() : authentication;
  }

  /** The configuration without IMAP, autoconfig, mail authentication, provisioning and push (their defaults). */
  public GatewayConfig(String hostname, Path dataDir, String bind, Smtp smtp, Tls tls, Http http, Database database,
      Archive archive, James james, Identity identity, Relay legacy, Outbound outbound, Routing routing, Delivery delivery) {
    this(hostname, dataDir, bind, smtp, tls, http, database, archive, james, identity, legacy, outbound, routing, delivery,
        null, null, null, null, null, null, null);
  }

  /** The IMAP doors; absent (null) when the configuration has no {@code imap} section. */
  public Optional<Imap> imapDoors() {
    return Optional.ofNullable(imap);
  }

  /** Keycloak → James provisioning, when configured (it needs the identity section too). */
  public Optional<Provisioning> provisioningSection() {
    return Optional.ofNullable(provisioning);
  }

  public Optional<Identity> identityProvider() {
    return Optional.ofNullable(identity);
  }

  public Optional<Relay> legacyProvider() {
    return Optional.ofNullable(legacy);
  }

  /** Delivery to other domains: direct to their MX hosts or through a smart host; empty: such mail waits (4xx). */
  public Optional<Outbound> outboundDelivery() {
    return Optional.ofNullable(outbound);
  }

  /** Where DKIM keys live: {@code dkim.key-dir}, or {@code <data-dir>/dkim}. */
  public Path dkimKeyDir() {
    return dkim.keyDir() == null ? dataDir.resolve("dkim") : dkim.keyDir();
  }

  /** The authserv-id of our Authentication-Results: {@code authentication.authserv-id}, or the host name. */
  public String authservId() {
    return authentication.authservId() == null ? hostname : authentication.authservId();
  }

  /** The Keycloak push endpoint's settings; empty when it is off. */
  public Optional<ProvisioningPush> push() {
    return Optional.ofNullable(provisioningPush);
  }

  public Path spoolDir() {
    return dataDir.resolve("spool");
  }

  /**
   * The three SMTP front doors; a port of 0 picks a free one (tests), -1 turns that door off. Rate limits: messages
   * per client address (unauthenticated) or per user (authenticated) within {@code ratePeriod}, and concurrent
   * authenticated sessions per user.
   */
  public record Smtp(Integer mxPort, Integer submissionPort, Integer submissionsPort, Long maxMessageSize,
      Integer maxRecipients, Integer maxConnections, Integer maxConnectionsPerIp, Duration idleTimeout, Boolean reverseDns,
      Integer maxMessagesPerIp, Integer maxMessagesPerUser, Duration ratePeriod, Integer maxSessionsPerUser) {
    public Smtp {
      mxPort = mxPort == null ? 25 : mxPort;
      submissionPort = submissionPort == null ? 587 : submissionPort;
      submissionsPort = submissionsPort == null ? 465 : submissionsPort;
      maxMessageSize = maxMessageSize == null ? 50L << 20 : maxMessageSize;
      maxRecipients = maxRecipients == null ? 100 : maxRecipients;
      maxConnections = maxConnections == null ? 1000 : maxConnections;
      maxConnectionsPerIp = maxConnectionsPerIp == null ? 50 : maxConnectionsPerIp;
      reverseDns = reverseDns == null || reverseDns;
      Check.port("smtp.mx-port", mxPort);
      Check.port("smtp.submission-port", submissionPort);
      Check.port("smtp.submissions-port", submissionsPort);
      Check.positive("smtp.max-message-size", maxMessageSize);
      Check.positive("smtp.max-recipients", maxRecipients);
      Check.positive("smtp.max-connections", maxConnections);
      Check.positive("smtp.max-connections-per-ip", maxConnectionsPerIp);
      idleTimeout = idleTimeout == null ? Duration.ofMinutes(5) : Check.positive("smtp.idle-timeout", idleTimeout);
      TrafficLimits limits = TrafficLimits.defaults();
      maxMessagesPerIp = maxMessagesPerIp == null ? limits.messagesPerIp() : maxMessagesPerIp;
      maxMessagesPerUser = maxMessagesPerUser == null ? limits.messagesPerUser() : maxMessagesPerUser;
      maxSessionsPerUser = maxSessionsPerUser == null ? limits.sessionsPerUser() : maxSessionsPerUser;
      Check.positive("smtp.max-messages-per-ip", maxMessagesPerIp);
      Check.positive("smtp.max-messages-per-user", maxMessagesPerUser);
      Check.positive("smtp.max-sessions-per-user", maxSessionsPerUser);
      ratePeriod = ratePeriod == null ? limits.period() : Check.positive("smtp.rate-period", ratePeriod);
    }

    public static Smtp defaults() {
      return new Smtp(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The rate and session ceilings of this section. */
    public TrafficLimits trafficLimits() {
      return new TrafficLimits(maxMessagesPerIp, maxMessagesPerUser, ratePeriod, maxSessionsPerUser);
    }
  }

  /**
   * The front doors' certificate: a PKCS12 keystore (its password in a separate file, default: the keystore's path
   * plus {@code .password}), or a PEM certificate chain and key (certbot's files); with neither, a self-signed
   * certificate is made under the data directory. Files are re-read when they change, without a restart.
   */
  public record Tls(Path keystore, Path keystorePasswordFile, Path certificate, Path privateKey, Duration reloadInterval) {
    public Tls {
      if ((certificate == null) != (privateKey == null)) {
        throw new IllegalArgumentException("tls.certificate and tls.private-key go together");
      }
      if (keystore != null && certificate != null) {
        throw new IllegalArgumentException("set either tls.keystore or tls.certificate/tls.private-key, not both");
      }
      reloadInterval = reloadInterval == null ? Duration.ofMinutes(1) : Check.positive("tls.reload-interval", reloadInterval);
    }
  }

  /** The HTTP port and the legal UI served on it ({@code archive-ui}; defaults fit a gateway on 127.0.0.1:8080). */
  public record Http(Integer port, ArchiveUi archiveUi) {
    public Http {
      port = port == null ? 8080 : port;
      Check.port("http.port", port);
      archiveUi = archiveUi == null ? ArchiveUi.defaults() : archiveUi;
    }

    public Http(Integer port) {
      this(port, null);
    }
  }

  /**
   * The legal UI at {@code /archive/}: its public URL as browsers reach it (the OIDC redirect URI is
   * {@code <public-url>callback}; default {@code http://<bind>:<http.port>/archive/}), the Keycloak realm URL browsers are sent to (default: {@code identity.issuer}), the
   * public client, and how long a session lasts unused and at most. It runs when the identity section is configured.
   */
  public record ArchiveUi(Boolean enabled, URI publicUrl, URI realmUrl, String clientId, Duration idleTimeout,
      Duration absoluteTimeout) {
    public ArchiveUi {
      enabled = enabled == null || enabled;
      if (publicUrl != null && (!(publicUrl.toString().startsWith("http://")
          || publicUrl.toString().startsWith("https://")) || !publicUrl.toString().endsWith("/archive/"))) {
        throw new IllegalArgumentException("http.archive-ui.public-url must be an http(s) URL ending in /archive/, was "
            + publicUrl);
      }
      if (realmUrl != null && !(realmUrl.toString().startsWith("http://") || realmUrl.toString().startsWith("https://"))) {
        throw new IllegalArgumentException("http.archive-ui.realm-url must be an http(s) URL such as "
            + "https://id.example.eu/realms/sovereign, was " + realmUrl);
      }
      clientId = clientId == null ? "sovereign-archive-ui" : Check.word("http.archive-ui.client-id", clientId);
      idleTimeout = idleTimeout == null ? Duration.ofMinutes(30)
          : Check.positive("http.archive-ui.idle-timeout", idleTimeout);
      absoluteTimeout = absoluteTimeout == null ? Duration.ofHours(8)
          : Check.positive("http.archive-ui.absolute-timeout", absoluteTimeout);
      if (absoluteTimeout.compareTo(idleTimeout) < 0) {
        throw new IllegalArgumentException("http.archive-ui.absolute-timeout must not be shorter than "
            + "http.archive-ui.idle-timeout");
      }
    }

    public static ArchiveUi defaults() {
      return new ArchiveUi(null, null, null, null, null, null);
    }

    /** The public URL: as configured, else this gateway's own address and HTTP port. */
    public URI publicUrlOr(String bind, int port) {
      if (publicUrl != null) {
        return publicUrl;
      }
      String host = bind.contains(":") ? "[" + bind + "]" : bind;
      return URI.create("http://" + ("0.0.0.0".equals(bind) || "::".equals(bind) ? "127.0.0.1" : host) + ":" + port
          + "/archive/");
    }
  }

  /** The gateway's MariaDB: continuity routes, queue audit; the archive uses it too unless given its own. */
  public record Database(String url, String user, String password) {
    public Database {
      if (url == null || !url.startsWith("jdbc:mariadb://")) {
        throw new IllegalArgumentException("database.url must be a jdbc:mariadb:// URL, was " + url);
      }
      user = Check.word("database.user", user);
      password = password == null ? "" : password;
    }

    @Override
    public String toString() {
      return "Database[url=" + url + ", user=" + user + "]";
    }
  }

  /**
   * The journal archive: its database ({@code null}: the gateway's), where blobs and the key file live (defaults under
   * the data directory), its connection pool, the export directory, blobs in S3-compatible storage instead of files
   * ({@code s3}), and the search index ({@code search}); every key unset keeps the archive's default.
   */
  public record Archive(Database database, Path blobDir, Path keyFile, Integer poolSize, Path exportDir, ArchiveS3 s3,
      ArchiveSearch search) {
    public Archive {
      if (poolSize != null && (poolSize < 1 || poolSize > 64)) {
        throw new IllegalArgumentException("archive.pool-size must be between 1 and 64, was " + poolSize);
      }
    }

    public Archive(Database database, Path blobDir, Path keyFile) {
      this(database, blobDir, keyFile, null, null, null, null);
    }
  }

  /**
   * Blobs in S3-compatible object storage (OVHcloud, Scaleway, MinIO, ...): the archive's {@code S3Settings} checks
   * the values when the archive opens. The secret key is best given as {@code SOVEREIGN_ARCHIVE_S3_SECRET_KEY}.
   */
  public record ArchiveS3(URI endpoint, String region, String bucket, String accessKey, String secretKey,
      Boolean pathStyle, String prefix) {
    public ArchiveS3 {
      pathStyle = pathStyle == null || pathStyle;
    }

    @Override
    public String toString() {
      return "ArchiveS3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKey=" + accessKey
          + ", secretKey=***, pathStyle=" + pathStyle + ", prefix=" + prefix + "]";
    }
  }

  /**
   * The archive's search index (the archive's {@code SearchSettings} checks the values): backend {@code lucene}
   * (default) or {@code elasticsearch}, the Lucene directory (default {@code index} beside the blobs), whether this
   * process indexes, its progress name, how often an idle indexer polls, Hibernate Search properties passed through,
   * and up to how many matches totals are exact.
   */
  public record ArchiveSearch(String backend, Path indexDir, Boolean indexer, String consumer, Duration pollInterval,
      Map<String, String> properties, Integer totalHitCountThreshold) {
    public ArchiveSearch {
      properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** Property values are not printed (they may hold a search cluster's password). */
    @Override
    public String toString() {
      return "ArchiveSearch[backend=" + backend + ", indexDir=" + indexDir + ", indexer=" + indexer + ", consumer="
          + consumer + ", pollInterval=" + pollInterval + ", properties=" + new java.util.TreeSet<>(properties.keySet())
          + ", totalHitCountThreshold=" + totalHitCountThreshold + "]";
    }
  }

  /**
   * The James backend on loopback. {@code imapPort}, {@code adminUser} and {@code adminPassword} (James's
   * {@code administratorId}, who may act as any user) are optional; provisioning needs them for shared mailboxes.
   */
  public record James(String host, Integer lmtpPort, Integer webadminPort, Integer imapPort, String adminUser,
      String adminPassword) {
    public James {
      host = host == null ? "127.0.0.1" : host;
      lmtpPort = lmtpPort == null ? 24 : lmtpPort;
      webadminPort = webadminPort == null ? 8000 : webadminPort;
      Check.port("james.lmtp-port", lmtpPort);
      Check.port("james.webadmin-port", webadminPort);
      if (imapPort != null) {
        Check.port("james.imap-port", imapPort);
      }
      if ((adminUser == null) != (adminPassword == null)) {
        throw new IllegalArgumentException("james.admin-user and james.admin-password go together");
      }
    }

    public James(String host, Integer lmtpPort, Integer webadminPort) {
      this(host, lmtpPort, webadminPort, null, null, null);
    }

    /** True when the backend IMAP administrator is configured (shared mailboxes can be set up). */
    public boolean hasImapAdministrator() {
      return imapPort != null && adminUser != null;
    }

    @Override
    public String toString() {
      return "James[" + host + ", lmtp=" + lmtpPort + ", webadmin=" + webadminPort + ", imap=" + imapPort
          + (adminUser == null ? "" : ", admin=" + adminUser) + "]";
    }
  }

  /**
   * Keycloak → James provisioning: the mail domains it owns, how often it reconciles and polls Keycloak's admin
   * events, what a delete in Keycloak does ({@code KEEP} the mailbox, the default, or {@code REMOVE} it), and the
   * confidential client whose service account reads the realm (default: the identity section's client and secret).
   */
  public record Provisioning(List<String> managedDomains, Duration reconcileInterval, Duration pollInterval,
      String deletionPolicy, String clientId, String clientSecret) {
    public Provisioning {
      if (managedDomains == null || managedDomains.isEmpty()) {
        throw new IllegalArgumentException("provisioning.managed-domains must name at least one domain");
      }
      managedDomains = List.copyOf(managedDomains);
      reconcileInterval = reconcileInterval == null ? Duration.ofHours(1)
          : Check.positive("provisioning.reconcile-interval", reconcileInterval);
      pollInterval = pollInterval == null ? Duration.ofSeconds(5) : Check.positive("provisioning.poll-interval", pollInterval);
      deletionPolicy = deletionPolicy == null ? "KEEP" : deletionPolicy.toUpperCase(java.util.Locale.ROOT);
      if (!List.of("KEEP", "REMOVE").contains(deletionPolicy)) {
        throw new IllegalArgumentException("provisioning.deletion-policy must be KEEP or REMOVE, was " + deletionPolicy);
      }
      if (clientSecret != null && clientId == null) {
        clientId = "sovereign-gateway";
      }
    }

    @Override
    public String toString() {
      return "Provisioning[domains=" + managedDomains + ", reconcile=" + reconcileInterval + ", poll=" + pollInterval
          + ", deletion=" + deletionPolicy + ", client=" + clientId + "]";
    }
  }

  /** The Keycloak realm that checks logins (direct grants on a confidential client, tokens by JWKS). */
  public record Identity(URI issuer, String clientId, String clientSecret) {
    public Identity {
      Objects.requireNonNull(issuer, "identity.issuer is required, e.g. https://id.example.eu/realms/sovereign");
      clientId = clientId == null ? "sovereign-gateway" : clientId;
      Objects.requireNonNull(clientSecret, "identity.client-secret is required");
    }

    @Override
    public String toString() {
      return "Identity[issuer=" + issuer + ", clientId=" + clientId + "]";
    }
  }

  /**
   * A smart host reached over SMTP: the legacy provider's inbound host, or an outbound relay. {@code tls} is
   * REQUIRED, OPPORTUNISTIC or NONE; {@code trustFile} a PKCS12 or PEM trust store (default: the JVM's).
   */
  public record Relay(String host, Integer port, String tls, Path trustFile, String trustPassword, Boolean verifyHostname,
      String username, String password) {
    public Relay {
      host = Check.word("relay host", host);
      port = port == null ? 25 : port;
      verifyHostname = verifyHostname == null || verifyHostname;
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("relay port out of range: " + port);
      }
      tls = tls == null ? "REQUIRED" : tls.toUpperCase(java.util.Locale.ROOT);
      if (!List.of("REQUIRED", "OPPORTUNISTIC", "NONE").contains(tls)) {
        throw new IllegalArgumentException("relay tls must be REQUIRED, OPPORTUNISTIC or NONE, was " + tls);
      }
    }

    @Override
    public String toString() {
      return "Relay[" + host + ":" + port + ", tls=" + tls + (username == null ? "" : ", user=" + username) + "]";
    }
  }

  /**
   * Continuity routing: the route of local recipients without a rule, when to fail over (a legacy leg failing
   * longer than {@code failoverWindow}; RECIPIENT or DOMAIN scope), and where alerts go besides log and metrics.
   */
  public record Routing(String defaultRoute, Duration failoverWindow, String failoverScope, URI alertWebhook,
      Boolean postmasterAlerts) {
    public Routing {
      postmasterAlerts = postmasterAlerts == null || postmasterAlerts;
      defaultRoute = defaultRoute == null ? "SOVEREIGN" : defaultRoute.toUpperCase(java.util.Locale.ROOT);
      if (!List.of("SOVEREIGN", "LEGACY", "DUAL").contains(defaultRoute)) {
        throw new IllegalArgumentException("routing.default-route must be SOVEREIGN, LEGACY or DUAL, was " + defaultRoute);
      }
      failoverWindow = failoverWindow == null ? Duration.ofMinutes(30) : Check.positive("routing.failover-window", failoverWindow);
      failoverScope = failoverScope == null ? "RECIPIENT" : failoverScope.toUpperCase(java.util.Locale.ROOT);
      if (!List.of("RECIPIENT", "DOMAIN").contains(failoverScope)) {
        throw new IllegalArgumentException("routing.failover-scope must be RECIPIENT or DOMAIN, was " + failoverScope);
      }
    }

    public static Routing defaults() {
      return new Routing(null, null, null, null, null);
    }
  }

  /**
   * Keycloak's pushed changes ({@code POST /api/provisioning/events}, from the {@code sovereign-mail} event listener):
   * {@code secretFile} holds the secret shared with the listener (one line; created with a random secret, mode 600,
   * when missing: point Keycloak's {@code --spi-events-listener--sovereign-mail--secret-file} at the same file).
   * Without this section the endpoint is off and provisioning relies on its poller and reconcile.
   */
  public record ProvisioningPush(Path secretFile) {
    public ProvisioningPush {
      Objects.requireNonNull(secretFile, "provisioning-push.secret-file is required");
    }
  }

  /** Delivery workers and the retry schedule (exponential from {@code retryInitial}, capped, until {@code maxAge}). */
  public record Delivery(Integer concurrency, Duration retryInitial, Duration retryCap, Duration maxAge) {
    public Delivery {
      concurrency = concurrency == null ? 8 : concurrency;
      Check.positive("delivery.concurrency", concurrency);
      retryInitial = retryInitial == null ? Duration.ofMinutes(1) : Check.positive("delivery.retry-initial", retryInitial);
      retryCap = retryCap == null ? Duration.ofHours(1) : Check.positive("delivery.retry-cap", retryCap);
      maxAge = maxAge == null ? Duration.ofDays(5) : Check.positive("delivery.max-age", maxAge);
    }

    public static Delivery defaults() {
      return new Delivery(null, null, null, null);
    }
  }

  /**
   * The IMAP doors in front of James (off without this section): 143 with STARTTLS and 993 with implicit TLS (0 picks
   * a free port, -1 turns a door off); James's IMAP port and the James administrator the gateway acts as for each
   * user ({@code backend-host} defaults to {@code james.host}); connection limits and timeouts (idle at least 30
   * minutes after login, RFC 9051; {@code login-timeout} is the whole time a client gets to log in). {@code
   * plain-port} (off by default) opens a third door without TLS where LOGIN is allowed, for a webmail or proxy on the
   * same host: it is bound to {@code plain-bind}, which must be a loopback address (default 127.0.0.1).
   */
  public record Imap(Integer port, Integer tlsPort, String backendHost, Integer backendPort, String backendAdminUser,
      String backendAdminPassword, Integer maxConnections, Integer maxConnectionsPerIp, Integer maxSessionsPerUser,
      Integer maxCommandsBeforeLogin, Duration idleTimeout, Duration loginTimeout, Integer plainPort,
      String plainBind) {
    public Imap {
      port = port == null ? 143 : port;
      tlsPort = tlsPort == null ? 993 : tlsPort;
      plainPort = plainPort == null ? -1 : plainPort;
      plainBind = plainBind == null ? "127.0.0.1" : plainBind;
      Check.port("imap.port", port);
      Check.port("imap.tls-port", tlsPort);
      Check.port("imap.plain-port", plainPort);
      if (plainPort >= 0 && !ImapListener.loopback(plainBind)) {
        throw new IllegalArgumentException("imap.plain-bind must be a loopback address (logins without TLS never "
            + "cross a network), was " + plainBind);
      }
      if (backendPort != null) {
        Check.port("imap.backend-port", backendPort);
      }
      if (backendAdminUser != null) {
        Check.word("imap.backend-admin-user", backendAdminUser);
      }
      if ((backendAdminUser == null) != (backendAdminPassword == null)) {
        throw new IllegalArgumentException("imap.backend-admin-user and imap.backend-admin-password go together");
      }
      maxConnections = maxConnections == null ? 2000 : maxConnections;
      maxConnectionsPerIp = maxConnectionsPerIp == null ? 50 : maxConnectionsPerIp;
      maxSessionsPerUser = maxSessionsPerUser == null ? 20 : maxSessionsPerUser;
      maxCommandsBeforeLogin = maxCommandsBeforeLogin == null ? 50 : maxCommandsBeforeLogin;
      Check.positive("imap.max-connections", maxConnections);
      Check.positive("imap.max-connections-per-ip", maxConnectionsPerIp);
      Check.positive("imap.max-sessions-per-user", maxSessionsPerUser);
      Check.positive("imap.max-commands-before-login", maxCommandsBeforeLogin);
      idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : Check.positive("imap.idle-timeout", idleTimeout);
      loginTimeout = loginTimeout == null ? Duration.ofMinutes(1) : Check.positive("imap.login-timeout", loginTimeout);
    }

    /** The doors without the loopback plaintext one. */
    public Imap(Integer port, Integer tlsPort, String backendHost, Integer backendPort, String backendAdminUser,
        String backendAdminPassword, Integer maxConnections, Integer maxConnectionsPerIp, Integer maxSessionsPerUser,
        Integer maxCommandsBeforeLogin, Duration idleTimeout, Duration loginTimeout) {
      this(port, tlsPort, backendHost, backendPort, backendAdminUser, backendAdminPassword, maxConnections,
          maxConnectionsPerIp, maxSessionsPerUser, maxCommandsBeforeLogin, idleTimeout, loginTimeout, null, null);
    }

    /** James's IMAP port and administrator from the {@code james} section where this one leaves them out. */
    Imap orBackend(James james) {
      Integer port = backendPort != null ? backendPort : james.imapPort();
      String user = backendAdminUser != null ? backendAdminUser : james.adminUser();
      String password = backendAdminUser != null ? backendAdminPassword : james.adminPassword();
      if (port == null) {
        throw new IllegalArgumentException("imap.backend-port (or james.imap-port) is required: James's IMAP port");
      }
      if (user == null) {
        throw new IllegalArgumentException(
            "imap.backend-admin-user and -password (or james.admin-user and -password) are required: James's administrator");
      }
      return new Imap(this.port, tlsPort, backendHost, port, user, password, maxConnections, maxConnectionsPerIp,
          maxSessionsPerUser, maxCommandsBeforeLogin, idleTimeout, loginTimeout, plainPort, plainBind);
    }

    @Override
    public String toString() {
      return "Imap[port=" + port + ", tlsPort=" + tlsPort + ", plainPort=" + plainPort + ", backend=" + backendHost + ":" + backendPort
          + ", admin=" + backendAdminUser + "]";
    }
  }

  /**
   * Mail to other domains. {@code DIRECT}: the gateway looks up each domain's MX (A/AAAA fallback, null MX
   * respected), uses STARTTLS when offered, and honours MTA-STS and DANE; {@code remotePort} is 25 except in tests.
   * {@code SMARTHOST}: everything through {@code smarthost} (an EU relay, AUTH and TLS REQUIRED by default).
   */
  public record Outbound(String mode, Relay smarthost, Integer remotePort, Integer maxConnectionsPerDomain,
      Integer maxIdlePerHost, Duration connectTimeout, Duration readTimeout, Boolean mtaSts, Boolean dane) {
    public Outbound {
      mode = mode == null ? "DIRECT" : mode.toUpperCase(java.util.Locale.ROOT);
      if (!List.of("DIRECT", "SMARTHOST").contains(mode)) {
        throw new IllegalArgumentException("outbound.mode must be DIRECT or SMARTHOST, was " + mode);
      }
      if (mode.equals("SMARTHOST") && smarthost == null) {
        throw new IllegalArgumentException("outbound.smarthost (host, port, tls, username) is required with outbound.mode SMARTHOST");
      }
      remotePort = remotePort == null ? 25 : remotePort;
      if (remotePort < 1 || remotePort > 65535) {
        throw new IllegalArgumentException("outbound.remote-port must be a port, was " + remotePort);
      }
      maxConnectionsPerDomain = maxConnectionsPerDomain == null ? 4 : maxConnectionsPerDomain;
      Check.positive("outbound.max-connections-per-domain", maxConnectionsPerDomain);
      maxIdlePerHost = maxIdlePerHost == null ? 2 : maxIdlePerHost;
      if (maxIdlePerHost < 0) {
        throw new IllegalArgumentException("outbound.max-idle-per-host must be 0 or more, was " + maxIdlePerHost);
      }
      connectTimeout = connectTimeout == null ? Duration.ofSeconds(30) : Check.positive("outbound.connect-timeout", connectTimeout);
      readTimeout = readTimeout == null ? Duration.ofMinutes(5) : Check.positive("outbound.read-timeout", readTimeout);
      mtaSts = mtaSts == null || mtaSts;
      dane = dane == null || dane;
    }

    public boolean direct() {
      return mode.equals("DIRECT");
    }
  }

  /**
   * What mail clients are told to use (autoconfig, Apple profile, help page): the public host names and ports, which
   * behind NAT or a load balancer differ from the listeners'. Hosts default to {@code hostname}; ports to the
   * production ones (993, 143, 465, 587).
   */
  public record Autoconfig(String imapHost, Integer imapsPort, Integer imapPort, String smtpHost, Integer smtpsPort,
      Integer submissionPort, String displayName) {
    public Autoconfig {
      imapsPort = imapsPort == null ? 993 : imapsPort;
      imapPort = imapPort == null ? 143 : imapPort;
      smtpsPort = smtpsPort == null ? 465 : smtpsPort;
      submissionPort = submissionPort == null ? 587 : submissionPort;
      Check.port("autoconfig.imaps-port", imapsPort);
      Check.port("autoconfig.imap-port", imapPort);
      Check.port("autoconfig.smtps-port", smtpsPort);
      Check.port("autoconfig.submission-port", submissionPort);
      displayName = displayName == null ? "Sovereign Mail" : displayName;
    }

    public static Autoconfig defaults() {
      return new Autoconfig(null, null, null, null, null, null, null);
    }
  }

  /**
   * The resolvers the gateway asks (MX, SPF, DKIM, DMARC, MTA-STS, TLSA): {@code host} or {@code host:port}
   * ({@code [v6]:port}); empty means the system's. DANE needs a DNSSEC-validating resolver (it sets the AD bit).
   */
  public record Dns(List<String> servers, Duration timeout) {
    public Dns {
      servers = servers == null ? List.of() : List.copyOf(servers);
      servers.forEach(server -> Check.word("dns.servers", server));
      timeout = timeout == null ? Duration.ofSeconds(5) : Check.positive("dns.timeout", timeout);
    }
  }

  /** DKIM signing of mail leaving for other domains: on when a key exists for the From: domain. */
  public record Dkim(Boolean sign, Path keyDir) {
    public Dkim {
      sign = sign == null || sign;
    }
  }

  /**
   * Inbound checks on the MX door (SPF, DKIM, DMARC) recorded in Authentication-Results. What a DMARC failure does
   * when the domain publishes {@code p=reject} ({@code dmarcReject}: TAG, QUARANTINE or REJECT) or
   * {@code p=quarantine} ({@code dmarcQuarantine}: TAG or QUARANTINE); DNS failures never reject.
   */
  public record Authentication(Boolean enabled, String authservId, String dmarcReject, String dmarcQuarantine) {
    public Authentication {
      enabled = enabled == null || enabled;
      if (authservId != null) {
        Check.word("authentication.authserv-id", authservId);
      }
      dmarcReject = dmarcReject == null ? "TAG" : dmarcReject.toUpperCase(java.util.Locale.ROOT);
      if (!List.of("TAG", "QUARANTINE", "REJECT").contains(dmarcReject)) {
        throw new IllegalArgumentException("authentication.dmarc-reject must be TAG, QUARANTINE or REJECT, was " + dmarcReject);
      }
      dmarcQuarantine = dmarcQuarantine == null ? "TAG" : dmarcQuarantine.toUpperCase(java.util.Locale.ROOT);
      if (!List.of("TAG", "QUARANTINE").contains(dmarcQuarantine)) {
        throw new IllegalArgumentException("authentication.dmarc-quarantine must be TAG or QUARANTINE, was " + dmarcQuarantine);
      }
    }

    public static Authentication defaults() {
      return new Authentication(null, null, null, null);
    }
  }
}
