package eu.sovereignmail.gateway.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.gateway.auth.IdentityAuthenticator;
import eu.sovereignmail.gateway.imap.server.ImapLimits;
import eu.sovereignmail.gateway.imap.server.ImapListener;
import eu.sovereignmail.gateway.imap.server.ImapServer;
import eu.sovereignmail.gateway.imap.server.JamesImapBackend;
import eu.sovereignmail.gateway.imap.session.ImapSessionSettings;
import eu.sovereignmail.gateway.metrics.ImapMetrics;
import eu.sovereignmail.gateway.sasl.SaslDecoder;
import eu.sovereignmail.gateway.testing.Backends;
import eu.sovereignmail.gateway.tls.SelfSignedCertificate;
import eu.sovereignmail.gateway.tls.ServerCredentials;
import eu.sovereignmail.gateway.tls.ServerTls;
import eu.sovereignmail.identity.auth.CredentialAuthenticator;
import eu.sovereignmail.identity.auth.IdentitySettings;
import eu.sovereignmail.identity.keycloak.KeycloakFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The IMAP door with real Keycloak (shipped realm) and real James: logins by password and by OAUTHBEARER token,
 * SELECT/FETCH/APPEND/IDLE through the splice with Angus Mail and with a plain socket, revocation → BYE, bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImapGatewayIT {
  private static final String DOMAIN = "imap-it.test";
  private static final String ADDRESS = "alice@" + DOMAIN;
  private static final String USERNAME = "imap-alice";
  /** The gateway client's secret in the shared Keycloak; every gateway IT must set the same one. */
  private static final String GATEWAY_SECRET = "gateway-it-client-secret";

  private final String password = KeycloakFixture.secret();
  private Backends backends;
  private KeycloakFixture keycloak;
  private CredentialAuthenticator identity;
  private ImapServer server;
  private SSLContext trust;
  private int starttlsPort;
  private int tlsPort;
  private int plainPort;

  @BeforeAll
  void start() throws Exception {
    backends = Backends.get();
    keycloak = backends.keycloak();
    backends.users(DOMAIN, "alice");
    keycloak.admin().ensureUser(KeycloakFixture.REALM, USERNAME, ADDRESS, "Alice", "Imap", password, Set.of("staff"));
    keycloak.admin().setClientSecret(KeycloakFixture.REALM, KeycloakFixture.GATEWAY, GATEWAY_SECRET);
    identity = new CredentialAuthenticator(
        IdentitySettings.defaults(keycloak.settings().issuer(), KeycloakFixture.GATEWAY, GATEWAY_SECRET));

    Path dir = backends.newDirectory("imap-it");
    ServerCredentials credentials = SelfSignedCertificate.ensure(dir.resolve("imap.p12"), List.of("localhost")).read();
    trust = trusting(credentials);
    var james = backends.jamesSettings();
    ImapSessionSettings session = ImapSessionSettings.defaults("imap.imap-it.test", true);
    server = new ImapServer(
        List.of(new ImapListener("127.0.0.1", 0, false, session), new ImapListener("127.0.0.1", 0, true, session.withStartTls(false)),
            ImapListener.plaintext("127.0.0.1", 0, session)),
        new ImapLimits(Duration.ofMinutes(30), Duration.ofSeconds(3), 200, 50, 20),
        Optional.of(new ServerTls(credentials.sslContext())),
        new IdentityAuthenticator(identity),
        new JamesImapBackend("127.0.0.1", james.ports().imap(), james.adminUser(), Backends.ADMIN_PASSWORD,
            Duration.ofSeconds(5), Duration.ofSeconds(30)),
        new ImapMetrics(new SimpleMeterRegistry()));
    server.start();
    identity.addRevocationListener(server::closeSessionsOf);
    starttlsPort = server.port(0);
    tlsPort = server.port(1);
    plainPort = server.port(2);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (identity != null) {
      identity.close();
    }
  }

  private static SSLContext trusting(ServerCredentials credentials) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("gateway", credentials.leaf());
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  /** Delivers a message to alice through James's SMTP door (a trusted relay from loopback). */
  private void deliver(String subject) throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(backends.jamesSettings().ports().smtp()));
    Session session = Session.getInstance(props);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("sender@" + DOMAIN));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
    message.setSubject(subject);
    message.setText("Body of " + subject + "\r\n", "UTF-8");
    Transport.send(message);
  }

  private Store angus(boolean implicitTls) throws Exception {
    Properties props = new Properties();
    String protocol = implicitTls ? "imaps" : "imap";
    props.put("mail." + protocol + ".ssl.socketFactory", trust.getSocketFactory());
    props.put("mail." + protocol + ".ssl.checkserveridentity", "false");
    props.put("mail.imap.starttls.enable", "true");
    props.put("mail.imap.starttls.required", "true");
    props.put("mail." + protocol + ".connectiontimeout", "10000");
    props.put("mail." + protocol + ".timeout", "30000");
    Store store = Session.getInstance(props).getStore(protocol);
    store.connect("127.0.0.1", implicitTls ? tlsPort : starttlsPort, ADDRESS, password);
    return store;
  }

  private RawImapClient loggedIn() throws Exception {
    RawImapClient client = RawImapClient.tls(tlsPort, trust);
    assertThat(client.line()).startsWith("* OK [CAPABILITY IMAP4rev1");
    assertThat(client.command("l1", "LOGIN \"" + ADDRESS + "\" \"" + password + "\"")).startsWith("l1 OK [CAPABILITY ");
    return client;
  }

  @Test
  @Order(1)
  void angusOverStartTlsReadsAMessageDeliveredEarlierAndAppendsToSent() throws Exception {
    deliver("delivered earlier");
    await().atMost(Duration.ofSeconds(30)).until(() -> backends.inboxSubjects(ADDRESS).contains("delivered earlier"));
    Store store = angus(false);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      Message found = null;
      for (Message message : inbox.getMessages()) {
        if ("delivered earlier".equals(message.getSubject())) {
          found = message;
        }
      }
      assertThat(found).isNotNull();
      assertThat(((String) found.getContent()).strip()).isEqualTo("Body of delivered earlier");
      inbox.close(false);

      Folder sent = store.getFolder("Sent");
      if (!sent.exists()) {
        sent.create(Folder.HOLDS_MESSAGES);
      }
      sent.open(Folder.READ_WRITE);
      int before = sent.getMessageCount();
      MimeMessage draft = new MimeMessage(Session.getInstance(new Properties()));
      draft.setFrom(new InternetAddress(ADDRESS));
      draft.setSubject("appended through the gateway");
      draft.setText("hello from the gateway\r\n");
      draft.setFlag(Flags.Flag.SEEN, true);
      sent.appendMessages(new Message[] {draft});
      assertThat(sent.getMessageCount()).isEqualTo(before + 1);
      assertThat(sent.getMessage(before + 1).getSubject()).isEqualTo("appended through the gateway");
      sent.close(false);
    } finally {
      store.close();
    }
  }

  @Test
  @Order(2)
  void angusOverImplicitTlsWorksToo() throws Exception {
    Store store = angus(true);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertThat(inbox.getMessageCount()).isPositive();
      inbox.close(false);
    } finally {
      store.close();
    }
  }

  @Test
  @Order(3)
  void plainSocketIdleSeesANewMessageArrive() throws Exception {
    try (RawImapClient client = loggedIn()) {
      List<String> select = client.untilTaggedAfter("s1", "SELECT INBOX");
      assertThat(select.getLast()).startsWith("s1 OK");
      String fetch = String.join("\n", client.untilTaggedAfter("f1", "FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])"));
      assertThat(fetch).contains("Subject:");
      client.send("i1 IDLE\r\n");
      assertThat(client.line()).startsWith("+");
      deliver("arrives during idle");
      assertThat(client.until("* ")).matches("\\* \\d+ (EXISTS|RECENT)");
      client.send("DONE\r\n");
      assertThat(client.untilTagged("i1").getLast()).startsWith("i1 OK");
      assertThat(client.command("o1", "LOGOUT")).startsWith("o1 OK");
    }
  }

  @Test
  @Order(3)
  void theLoopbackPlaintextDoorTakesALoginWithoutTls() throws Exception {
    try (RawImapClient client = RawImapClient.plain(plainPort, trust)) {
      assertThat(client.line()).contains("AUTH=PLAIN").doesNotContain("LOGINDISABLED").doesNotContain("STARTTLS");
      assertThat(client.command("l1", "LOGIN \"" + ADDRESS + "\" \"" + password + "\"")).startsWith("l1 OK [CAPABILITY ");
      assertThat(client.untilTaggedAfter("s1", "SELECT INBOX").getLast()).startsWith("s1 OK");
      assertThat(client.command("o1", "LOGOUT")).startsWith("o1 OK");
    }
  }

  @Test
  @Order(4)
  void oauthBearerTokenFromKeycloakLogsIn() throws Exception {
    String token = keycloak.admin().passwordGrant(KeycloakFixture.REALM, KeycloakFixture.GATEWAY, GATEWAY_SECRET,
        USERNAME, password).accessToken();
    try (RawImapClient client = RawImapClient.tls(tlsPort, trust)) {
      client.line();
      String response = SaslDecoder.encode("n,a=" + ADDRESS + ",\u0001auth=Bearer " + token + "\u0001\u0001");
      assertThat(client.command("a1", "AUTHENTICATE OAUTHBEARER " + response)).startsWith("a1 OK [CAPABILITY ");
      assertThat(client.untilTaggedAfter("a2", "EXAMINE INBOX").getLast()).startsWith("a2 OK");
    }
  }

  @Test
  @Order(5)
  void wrongPasswordIsRefused() throws Exception {
    try (RawImapClient client = RawImapClient.tls(tlsPort, trust)) {
      client.line();
      assertThat(client.command("a1", "LOGIN " + ADDRESS + " wrong-password"))
          .isEqualTo("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
      assertThat(client.command("a2", "NOOP")).isEqualTo("a2 OK NOOP completed");
    }
  }

  @Test
  @Order(6)
  void badInputGetsCleanErrorsAndOtherSessionsGoOn() throws Exception {
    try (RawImapClient bystander = loggedIn()) {
      assertThat(bystander.untilTaggedAfter("b1", "SELECT INBOX").getLast()).startsWith("b1 OK");

      try (RawImapClient client = RawImapClient.plain(starttlsPort, trust)) {
        assertThat(client.line()).contains("STARTTLS").contains("LOGINDISABLED");
        assertThat(client.command("a1", "LOGIN " + ADDRESS + " " + "x"))
            .isEqualTo("a1 NO [PRIVACYREQUIRED] Logins are disabled until STARTTLS");
        assertThat(client.command("a2", "STARTTLS")).startsWith("a2 OK");
        client.startTls();
        assertThat(client.command("a3", "LOGIN {100000}")).isEqualTo("a3 BAD [TOOBIG] Literal too big");
      }

      try (RawImapClient client = RawImapClient.tls(tlsPort, trust)) {
        client.line();
        client.sendQuietly("n NOOP\r\n".repeat(10_000));
        assertThat(client.until("* BYE")).isEqualTo("* BYE Too many commands without login");
        assertThat(client.closedByServer()).isTrue();
      }

      try (RawImapClient client = RawImapClient.tls(tlsPort, trust)) {
        client.line();
        byte[] garbage = new byte[64 << 10];
        new Random(42).nextBytes(garbage);
        client.sendQuietly(new String(garbage, StandardCharsets.ISO_8859_1) + "\r\n");
        assertThat(client.until("* BYE")).isNotNull();
        assertThat(client.closedByServer()).isTrue();
      }

      try (RawImapClient slow = RawImapClient.plain(starttlsPort, trust)) {
        slow.line();
        for (byte b : "a1 CAPABILITY".getBytes(StandardCharsets.US_ASCII)) {
          try {
            slow.write(new byte[] {b});
          } catch (java.io.IOException closed) {
            break;
          }
          Thread.sleep(400);
        }
        assertThat(slow.until("* BYE")).isEqualTo("* BYE Autologout; took too long to log in");
      }

      assertThat(bystander.command("b2", "NOOP")).startsWith("b2 OK");
      assertThat(bystander.command("b3", "LOGOUT")).startsWith("b3 OK");
    }
    try (RawImapClient fresh = RawImapClient.tls(tlsPort, trust)) {
      assertThat(fresh.line()).startsWith("* OK");
    }
  }

  @Test
  @Order(7)
  void disablingAliceClosesHerIdleSessionWithBye() throws Exception {
    try (RawImapClient client = loggedIn()) {
      assertThat(client.untilTaggedAfter("s1", "SELECT INBOX").getLast()).startsWith("s1 OK");
      client.send("i1 IDLE\r\n");
      assertThat(client.line()).startsWith("+");
      keycloak.admin().disableUser(KeycloakFixture.REALM, USERNAME);
      long revoked = System.nanoTime();
      identity.revoke(USERNAME);
      client.timeout(1_000);
      assertThat(client.until("* BYE")).startsWith("* BYE");
      assertThat(Duration.ofNanos(System.nanoTime() - revoked)).isLessThan(Duration.ofSeconds(1));
      assertThat(client.closedByServer()).isTrue();
    }
    try (RawImapClient again = RawImapClient.tls(tlsPort, trust)) {
      again.line();
      assertThat(again.command("a1", "LOGIN " + ADDRESS + " \"" + password + "\""))
          .startsWith("a1 NO [AUTHENTICATIONFAILED]");
    }
  }
}
