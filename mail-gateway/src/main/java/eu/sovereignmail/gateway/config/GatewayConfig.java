package eu.sovereignmail.gateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the gateway process needs, read once from YAML ({@link ConfigLoader}) and validated at start with
 * messages that name the key. Optional sections are {@code null} when absent: no legacy provider, no outbound relay,
 * no Keycloak (then AUTH answers 454), no webhook.
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
    Relay outboundRelay,
    Routing routing,
    Delivery delivery,
    ProvisioningPush provisioningPush) {

  /** A configuration without the Keycloak push endpoint. */
  public GatewayConfig(String hostname, Path dataDir, String bind, Smtp smtp, Tls tls, Http http, Database database,
      Archive archive, James james, Identity identity, Relay legacy, Relay outboundRelay, Routing routing,
      Delivery delivery) {
    this(hostname, dataDir, bind, smtp, tls, http, database, archive, james, identity, legacy, outboundRelay, routing,
        delivery, null);
  }

  public GatewayConfig {
    hostname = Check.word("hostname", hostname);
    Objects.requireNonNull(dataDir, "data-dir is required");
    bind = bind == null ? "127.0.0.1" : bind;
    smtp = smtp == null ? Smtp.defaults() : smtp;
    tls = tls == null ? new Tls(null, null, null, null, null) : tls;
    http = http == null ? new Http(null) : http;
    Objects.requireNonNull(database, "database is required (url, user, password)");
    archive = archive == null ? new Archive(null, null, null) : archive;
    Objects.requireNonNull(james, "james is required (host, lmtp-port, webadmin-port)");
    routing = routing == null ? Routing.defaults() : routing;
    delivery = delivery == null ? Delivery.defaults() : delivery;
  }

  public Optional<Identity> identityProvider() {
    return Optional.ofNullable(identity);
  }

  public Optional<Relay> legacyProvider() {
    return Optional.ofNullable(legacy);
  }

  public Optional<Relay> outbound() {
    return Optional.ofNullable(outboundRelay);
  }

  /** The Keycloak push endpoint's settings; empty when it is off. */
  public Optional<ProvisioningPush> push() {
    return Optional.ofNullable(provisioningPush);
  }

  public Path spoolDir() {
    return dataDir.resolve("spool");
  }

  /** The three SMTP front doors; a port of 0 picks a free one (tests), -1 turns that door off. */
  public record Smtp(Integer mxPort, Integer submissionPort, Integer submissionsPort, Long maxMessageSize,
      Integer maxRecipients, Integer maxConnections, Integer maxConnectionsPerIp, Duration idleTimeout, Boolean reverseDns) {
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
    }

    public static Smtp defaults() {
      return new Smtp(null, null, null, null, null, null, null, null, null);
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

  public record Http(Integer port) {
    public Http {
      port = port == null ? 8080 : port;
      Check.port("http.port", port);
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

  /** Where archived blobs and the archive key file live; {@code database} null means the gateway's database. */
  public record Archive(Database database, Path blobDir, Path keyFile) {}

  /** The James backend on loopback. */
  public record James(String host, Integer lmtpPort, Integer webadminPort) {
    public James {
      host = host == null ? "127.0.0.1" : host;
      lmtpPort = lmtpPort == null ? 24 : lmtpPort;
      webadminPort = webadminPort == null ? 8000 : webadminPort;
      Check.port("james.lmtp-port", lmtpPort);
      Check.port("james.webadmin-port", webadminPort);
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
}
