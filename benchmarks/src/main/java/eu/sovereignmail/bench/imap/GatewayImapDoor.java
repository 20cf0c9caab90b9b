package eu.sovereignmail.bench.imap;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.sovereignmail.gateway.auth.IdentityAuthenticator;
import eu.sovereignmail.gateway.imap.server.ImapLimits;
import eu.sovereignmail.gateway.imap.server.ImapListener;
import eu.sovereignmail.gateway.imap.server.ImapServer;
import eu.sovereignmail.gateway.imap.server.JamesImapBackend;
import eu.sovereignmail.gateway.imap.session.ImapSessionSettings;
import eu.sovereignmail.gateway.metrics.ImapMetrics;
import eu.sovereignmail.gateway.tls.SelfSignedCertificate;
import eu.sovereignmail.gateway.tls.ServerCredentials;
import eu.sovereignmail.gateway.tls.ServerTls;
import eu.sovereignmail.identity.apppassword.Account;
import eu.sovereignmail.identity.apppassword.AppPasswordSettings;
import eu.sovereignmail.identity.apppassword.AppPasswords;
import eu.sovereignmail.identity.apppassword.JdbcAppPasswordRepository;
import eu.sovereignmail.identity.auth.CredentialAuthenticator;
import eu.sovereignmail.identity.auth.IdentitySettings;
import eu.sovereignmail.stack.process.Ports;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's IMAP front door assembled from the product's parts as the gateway wires them: the loopback
 * plaintext door ({@code imap.plain-port}: LOGIN without TLS, as James direct is reached) and an implicit-TLS door,
 * the identity module's
 * {@link CredentialAuthenticator} checking app passwords stored in MariaDB (one per bench user; Keycloak is never
 * asked, its issuer points at a closed loopback port), and {@link JamesImapBackend} logging in to James as its
 * administrator on the user's behalf. Only the certificate is the bench's: self-signed, trusted by the bench client.
 */
public final class GatewayImapDoor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayImapDoor.class);

  private final HikariDataSource dataSource;
  private final AppPasswords appPasswords;
  private final CredentialAuthenticator identity;
  private final ImapServer server;
  private final ImapServer unpooled;
  private final SSLSocketFactory clientTls;
  private final Map<String, String> passwords;

  private GatewayImapDoor(HikariDataSource dataSource, AppPasswords appPasswords, CredentialAuthenticator identity,
      ImapServer server, ImapServer unpooled, SSLSocketFactory clientTls, Map<String, String> passwords) {
    this.dataSource = dataSource;
    this.appPasswords = appPasswords;
    this.identity = identity;
    this.server = server;
    this.unpooled = unpooled;
    this.clientTls = clientTls;
    this.passwords = passwords;
  }

  /**
   * Opens the app-password store on {@code jdbcUrl}, issues one app password per user, and starts the door on a
   * free loopback port in front of James's IMAP port. Closes what it opened if a later part fails.
   */
  public static GatewayImapDoor start(Path dir, String jdbcUrl, String dbUser, String dbPassword,
      Collection<String> users, int jamesImapPort, String jamesAdmin, String jamesAdminPassword)
      throws IOException {
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(jdbcUrl);
    pool.setUsername(dbUser);
    pool.setPassword(dbPassword);
    pool.setMaximumPoolSize(4);
    pool.setPoolName("bench-identity");
    HikariDataSource dataSource = new HikariDataSource(pool);
    AppPasswords appPasswords = null;
    CredentialAuthenticator identity = null;
    try {
      appPasswords = AppPasswords.open(JdbcAppPasswordRepository.open(dataSource), AppPasswordSettings.defaults());
      Map<String, String> passwords = new ConcurrentHashMap<>();
      for (String user : users) {
        passwords.put(user, appPasswords.create(new Account(user, user), "imap-benchmark", "local-admin").secret());
      }
      URI unusedIssuer = URI.create("http://127.0.0.1:" + Ports.freeLoopbackPort() + "/realms/bench");
      identity = new CredentialAuthenticator(
          IdentitySettings.defaults(unusedIssuer, IdentitySettings.DEFAULT_CLIENT_ID, "unused"), appPasswords);

      ServerCredentials credentials = SelfSignedCertificate.ensure(dir.resolve("imap.p12"), List.of("localhost")).read();
      JamesImapBackend backend = new JamesImapBackend("127.0.0.1", jamesImapPort, jamesAdmin, jamesAdminPassword,
          Duration.ofSeconds(5), Duration.ofSeconds(30));
      ImapSessionSettings session = ImapSessionSettings.defaults("imap.bench.test", false);
      // All clients come from one loopback address: the per-address and per-user caps are raised out of the way.
      ImapLimits limits = new ImapLimits(Duration.ofMinutes(30), Duration.ofMinutes(1), 2000, 2000, 2000);
      ImapServer server = new ImapServer(List.of(ImapListener.plaintext("127.0.0.1", 0, session),
          new ImapListener("127.0.0.1", 0, true, session)),
          limits, Optional.of(new ServerTls(credentials.sslContext())), new IdentityAuthenticator(identity), backend,
          new ImapMetrics(new SimpleMeterRegistry()));
      server.start();
      // The same plaintext door without greeted James connections kept ready: the pool's effect in the same run.
      ImapServer unpooled = new ImapServer(List.of(ImapListener.plaintext("127.0.0.1", 0, session)), limits,
          Optional.empty(), new IdentityAuthenticator(identity),
          new JamesImapBackend("127.0.0.1", jamesImapPort, jamesAdmin, jamesAdminPassword, Duration.ofSeconds(5),
              Duration.ofSeconds(30), 0),
          new ImapMetrics(new SimpleMeterRegistry()));
      try {
        unpooled.start();
      } catch (IOException | RuntimeException e) {
        server.close();
        throw e;
      }
      SSLSocketFactory clientTls = trusting(credentials);
      LOG.info("event=bench.imap.gateway.ready plain_port={} tls_port={} users={}", server.port(0), server.port(1),
          passwords.size());
      return new GatewayImapDoor(dataSource, appPasswords, identity, server, unpooled, clientTls,
          Map.copyOf(passwords));
    } catch (GeneralSecurityException e) {
      closeQuietly(identity, appPasswords, dataSource);
      throw new IOException("the door's TLS could not be set up: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      closeQuietly(identity, appPasswords, dataSource);
      throw e;
    }
  }

  /** A client TLS factory that trusts exactly the door's self-signed certificate. */
  private static SSLSocketFactory trusting(ServerCredentials credentials) throws GeneralSecurityException, IOException {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("bench-gateway", credentials.chain().getFirst());
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  /** The loopback plaintext door (as James direct is reached), app passwords. */
  public Endpoint plaintextEndpoint(String name) {
    return new Endpoint(name, "127.0.0.1", server.port(0), Optional.empty(), passwords::get);
  }

  /** The plaintext door without pooled James connections. */
  public Endpoint unpooledEndpoint(String name) {
    return new Endpoint(name, "127.0.0.1", unpooled.port(0), Optional.empty(), passwords::get);
  }

  /** The implicit-TLS door, app passwords. */
  public Endpoint tlsEndpoint(String name) {
    return new Endpoint(name, "127.0.0.1", server.port(1), Optional.of(clientTls), passwords::get);
  }

  @Override
  public void close() {
    closeQuietly(server, unpooled, identity, appPasswords, dataSource);
    LOG.info("event=bench.imap.gateway.stopped");
  }

  private static void closeQuietly(AutoCloseable... parts) {
    for (AutoCloseable part : parts) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("event=bench.imap.gateway.close_failed part={} error=\"{}\"", part.getClass().getSimpleName(),
            e.toString());
      }
    }
  }
}
