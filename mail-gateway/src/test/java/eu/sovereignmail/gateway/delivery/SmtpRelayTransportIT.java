package eu.sovereignmail.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.server.ServerLimits;
import eu.sovereignmail.gateway.smtp.server.SmtpListener;
import eu.sovereignmail.gateway.smtp.server.SmtpServer;
import eu.sovereignmail.gateway.tls.ServerTls;
import eu.sovereignmail.gateway.smtp.session.ListenerKind;
import eu.sovereignmail.gateway.smtp.session.SessionSettings;
import eu.sovereignmail.gateway.smtp.session.SpooledMessages;
import eu.sovereignmail.gateway.smtp.session.TestPolicies;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import eu.sovereignmail.stack.process.Ports;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SMTP relay against real servers on loopback: GreenMail as a plaintext smart host, and the gateway's own SMTP
 * server (real spool) as a STARTTLS smart host with a certificate made at test time, trusted through the relay's
 * PKCS12 and PEM trust options.
 */
class SmtpRelayTransportIT {
  private static final String HELO = "gw.example.eu";
  private static Path dir;
  private static GreenMail greenMail;
  private static int greenMailPort;
  private static TestCertificate certificate;
  private static TestCertificate otherHostCertificate;
  private static Spool spool;
  private static SmtpServer tlsServer;
  private static SmtpServer otherHostServer;
  private static int mxPort;
  private static int submissionPort;
  private static int otherHostPort;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "relay-it")), "run-");
    greenMailPort = Ports.freeLoopbackPort();
    greenMail = new GreenMail(new ServerSetup(greenMailPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();

    certificate = TestCertificate.create(dir, "localhost", "127.0.0.1");
    otherHostCertificate = TestCertificate.create(dir, "other.example");
    spool = Spool.open(dir.resolve("spool"), SpoolSettings.defaults());
    mxPort = Ports.freeLoopbackPort();
    submissionPort = Ports.freeLoopbackPort();
    tlsServer = server(certificate, List.of(
        new SmtpListener("127.0.0.1", mxPort, SessionSettings.defaults(ListenerKind.MX, "mx.example.eu")),
        new SmtpListener("127.0.0.1", submissionPort, SessionSettings.defaults(ListenerKind.SUBMISSION, "mx.example.eu"))));
    otherHostPort = Ports.freeLoopbackPort();
    otherHostServer = server(otherHostCertificate, List.of(
        new SmtpListener("127.0.0.1", otherHostPort, SessionSettings.defaults(ListenerKind.MX, "other.example"))));
  }

  private static SmtpServer server(TestCertificate cert, List<SmtpListener> listeners) throws Exception {
    SmtpServer server = new SmtpServer(listeners, ServerLimits.defaults().withReverseDns(false),
        Optional.of(ServerTls.fromPkcs12(cert.keystore(), cert.password().toCharArray())), spool, TestPolicies.policies(),
        Clock.systemUTC());
    server.start();
    return server;
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {tlsServer, otherHostServer, spool}) {
      if (c != null) {
        c.close();
      }
    }
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  private static RelaySettings settings(int port, TlsPolicy policy, TrustSource trust) {
    return RelaySettings.defaults("legacy", "127.0.0.1", port, HELO).withTls(policy, trust, true)
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  private static MessageSource message(String subject) {
    return message("sender@example.eu", subject);
  }

  /** Submission checks the From: header against the authenticated user, so submitted messages name their sender. */
  private static MessageSource message(String from, String subject) {
    String text = "From: " + from + "\r\nSubject: " + subject + "\r\n\r\n.leading dot\r\nbody\r\n";
    return () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static DeliveryTransaction tx(String from, String... recipients) {
    return DeliveryTransaction.simple(from, List.of(recipients), 100, BodyType.SEVEN_BIT, false);
  }

  private static List<String> codes(List<RecipientReply> replies) {
    return replies.stream().map(r -> r.recipient() + " " + r.reply().code() + " " + r.reply().enhanced()).toList();
  }

  private static List<StoredMessage> inbox(GreenMail server, String address) throws Exception {
    var user = server.getUserManager().getUserByEmail(address);
    return user == null ? List.of() : server.getManagers().getImapHostManager().getInbox(user).getMessages();
  }

  private static SpoolEntry spooledFrom(String sender) {
    return spool.list().stream().filter(e -> sender.equals(e.envelope().mailFrom())).findFirst().orElseThrow();
  }

  @Test
  void plaintextRelayToGreenMailDeliversOneCopyPerRecipient() throws Exception {
    try (SmtpRelayTransport relay = new SmtpRelayTransport(settings(greenMailPort, TlsPolicy.NONE, TrustSource.jvmDefault()))) {
      List<RecipientReply> replies = relay.deliver(
          tx("sender@example.eu", "anna@legacy.example", "ben@legacy.example", "cleo@legacy.example"), message("plain relay"));
      assertThat(replies).extracting(r -> r.reply().code()).containsExactly(250, 250, 250);
      for (String rcpt : List.of("anna@legacy.example", "ben@legacy.example", "cleo@legacy.example")) {
        assertThat(inbox(greenMail, rcpt)).singleElement().satisfies(m -> {
          assertThat(m.getMimeMessage().getSubject()).isEqualTo("plain relay");
          assertThat(((String) m.getMimeMessage().getContent())).startsWith(".leading dot");
        });
      }
      relay.deliver(tx("sender@example.eu", "anna@legacy.example"), message("second on the pooled connection"));
      assertThat(inbox(greenMail, "anna@legacy.example")).hasSize(2);
      assertThat(relay.idleConnections()).isEqualTo(1);
    }
  }

  @Test
  void authenticatesAtASmartHostThatRequiresIt() throws Exception {
    int port = Ports.freeLoopbackPort();
    GreenMail authHost = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    authHost.start();
    try {
      authHost.getUserManager().setAuthRequired(true);
      authHost.setUser("gw@legacy.example", "gw", "relay-pass");
      RelaySettings base = settings(port, TlsPolicy.NONE, TrustSource.jvmDefault());
      try (SmtpRelayTransport wrong = new SmtpRelayTransport(base.withCredentials(new RelayCredentials("gw", "nope")))) {
        assertThat(codes(wrong.deliver(tx("sender@example.eu", "dora@legacy.example"), message("wrong login"))))
            .containsExactly("dora@legacy.example 454 4.7.0");
      }
      try (SmtpRelayTransport right = new SmtpRelayTransport(base.withCredentials(new RelayCredentials("gw", "relay-pass")))) {
        assertThat(codes(right.deliver(tx("sender@example.eu", "dora@legacy.example"), message("right login"))))
            .containsExactly("dora@legacy.example 250 null");
      }
      assertThat(inbox(authHost, "dora@legacy.example")).hasSize(1);
    } finally {
      authHost.stop();
    }
  }

  @Test
  void tlsRequiredAgainstAHostWithoutStartTlsDefersEveryRecipient() throws Exception {
    try (SmtpRelayTransport relay = new SmtpRelayTransport(settings(greenMailPort, TlsPolicy.REQUIRED, TrustSource.jvmDefault()))) {
      List<RecipientReply> replies = relay.deliver(tx("sender@example.eu", "eve@legacy.example", "finn@legacy.example"),
          message("must not arrive"));
      assertThat(codes(replies)).containsExactly("eve@legacy.example 451 4.7.5", "finn@legacy.example 451 4.7.5");
      assertThat(replies.getFirst().reply().lines().getFirst()).startsWith("TLS required by policy, not offered");
      assertThat(inbox(greenMail, "eve@legacy.example")).isEmpty();
    }
  }

  @Test
  void startTlsWithPkcs12TrustRelaysAndRefusalsStayPerRecipient() throws Exception {
    TrustSource trust = new TrustSource.Pkcs12(certificate.trustStore(), certificate.password());
    try (SmtpRelayTransport relay = new SmtpRelayTransport(settings(mxPort, TlsPolicy.REQUIRED, trust))) {
      List<RecipientReply> replies = relay.deliver(
          tx("tls-pkcs12@remote.org", "alice@example.eu", "nobody@example.eu", "bob@example.eu"), message("over tls"));
      assertThat(codes(replies))
          .containsExactly("alice@example.eu 250 2.0.0", "nobody@example.eu 550 5.1.1", "bob@example.eu 250 2.0.0");
      SpoolEntry entry = spooledFrom("tls-pkcs12@remote.org");
      assertThat(entry.envelope().recipients()).extracting(r -> r.address()).containsExactly("alice@example.eu", "bob@example.eu");
      assertThat(entry.envelope().helo()).isEqualTo(HELO);
      assertThat(SpooledMessages.text(spool, entry.id())).contains("with ESMTPS").contains("\r\n.leading dot\r\n");
    }
  }

  @Test
  void startTlsWithPemTrustAndAuthOnSubmission() throws Exception {
    RelaySettings base = settings(submissionPort, TlsPolicy.REQUIRED, new TrustSource.Pem(certificate.pem()));
    try (SmtpRelayTransport relay = new SmtpRelayTransport(base.withCredentials(new RelayCredentials("alice", TestPolicies.PASSWORD)))) {
      assertThat(codes(relay.deliver(tx("alice@example.eu", "friend@elsewhere.org"), message("alice@example.eu", "submitted"))))
          .containsExactly("friend@elsewhere.org 250 2.0.0");
      assertThat(spooledFrom("alice@example.eu").envelope().authenticatedUser()).isEqualTo("alice@example.eu");
    }
    try (SmtpRelayTransport relay = new SmtpRelayTransport(base.withCredentials(new RelayCredentials("alice", "wrong")))) {
      assertThat(codes(relay.deliver(tx("alice@example.eu", "friend@elsewhere.org"), message("refused"))))
          .containsExactly("friend@elsewhere.org 454 4.7.0");
    }
  }

  @Test
  void untrustedCertificateUnderTlsRequiredDefersEveryRecipient() throws Exception {
    try (SmtpRelayTransport relay = new SmtpRelayTransport(settings(mxPort, TlsPolicy.REQUIRED, TrustSource.jvmDefault()))) {
      List<RecipientReply> replies = relay.deliver(tx("untrusted@remote.org", "alice@example.eu", "bob@example.eu"),
          message("must not arrive"));
      assertThat(codes(replies)).containsExactly("alice@example.eu 451 4.7.5", "bob@example.eu 451 4.7.5");
      assertThat(replies.getFirst().reply().lines().getFirst()).contains("handshake");
      assertThat(spool.list()).noneMatch(e -> "untrusted@remote.org".equals(e.envelope().mailFrom()));
    }
  }

  @Test
  void hostnameVerificationRefusesACertificateForAnotherHostUnlessTurnedOff() throws Exception {
    TrustSource trust = new TrustSource.Pem(otherHostCertificate.pem());
    try (SmtpRelayTransport relay = new SmtpRelayTransport(settings(otherHostPort, TlsPolicy.REQUIRED, trust))) {
      assertThat(codes(relay.deliver(tx("mismatch@remote.org", "alice@example.eu"), message("no"))))
          .containsExactly("alice@example.eu 451 4.7.5");
    }
    try (SmtpRelayTransport relay = new SmtpRelayTransport(
        settings(otherHostPort, TlsPolicy.REQUIRED, trust).withTls(TlsPolicy.REQUIRED, trust, false))) {
      assertThat(codes(relay.deliver(tx("unverified@remote.org", "alice@example.eu"), message("yes"))))
          .containsExactly("alice@example.eu 250 2.0.0");
    }
  }

  @Test
  void opportunisticTlsFallsBackToPlaintextWhenTheHandshakeFails() throws Exception {
    try (SmtpRelayTransport relay = new SmtpRelayTransport(settings(mxPort, TlsPolicy.OPPORTUNISTIC, TrustSource.jvmDefault()))) {
      assertThat(codes(relay.deliver(tx("opportunistic@remote.org", "alice@example.eu"), message("plain fallback"))))
          .containsExactly("alice@example.eu 250 2.0.0");
      assertThat(SpooledMessages.text(spool, spooledFrom("opportunistic@remote.org").id())).contains("with ESMTP\r\n");
    }
  }
}
