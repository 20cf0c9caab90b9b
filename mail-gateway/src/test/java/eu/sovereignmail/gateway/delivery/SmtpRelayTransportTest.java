package eu.sovereignmail.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.smtp.DsnRet;
import eu.sovereignmail.gateway.spool.Recipient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SMTP relay's dialogue and settings against a scripted loopback SMTP server (TLS is covered by the IT). */
class SmtpRelayTransportTest {
  private static final String MESSAGE = "Subject: relay\r\n\r\nhello\r\n";
  private static final MessageSource SOURCE = () -> new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.UTF_8));

  private final List<AutoCloseable> closeAtEnd = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeAtEnd.reversed()) {
      c.close();
    }
  }

  private FakeLmtpServer server(FakeLmtpServer.Script script) throws IOException {
    FakeLmtpServer server = FakeLmtpServer.start(0, script.asSmtp());
    closeAtEnd.add(server);
    return server;
  }

  private SmtpRelayTransport relay(FakeLmtpServer server, TlsPolicy policy) {
    SmtpRelayTransport relay = new SmtpRelayTransport(RelaySettings.defaults("legacy", "127.0.0.1", server.port(), "gw.example.eu")
        .withTls(policy, TrustSource.jvmDefault(), true).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    closeAtEnd.add(relay);
    return relay;
  }

  private static DeliveryTransaction tx(String... recipients) {
    return DeliveryTransaction.simple("sender@example.eu", List.of(recipients), MESSAGE.length(), BodyType.SEVEN_BIT, false);
  }

  private static List<String> codes(List<RecipientReply> replies) {
    return replies.stream().map(r -> r.recipient() + " " + r.reply().code() + " " + r.reply().enhanced()).toList();
  }

  @Test
  void oneReplyAfterDataAppliesToEveryAcceptedRecipientAndRcptRefusalsStayPerRecipient() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp()
        .rcpt(r -> r.startsWith("bad") ? "550 5.1.1 unknown user" : "250 2.1.5 OK")
        .data(r -> "250 2.0.0 queued as 42"));
    SmtpRelayTransport relay = relay(server, TlsPolicy.NONE);
    assertThat(relay.name()).isEqualTo("legacy");
    assertThat(codes(relay.deliver(tx("a@legacy.example", "bad@legacy.example", "c@legacy.example"), SOURCE)))
        .containsExactly("a@legacy.example 250 2.0.0", "bad@legacy.example 550 5.1.1", "c@legacy.example 250 2.0.0");
    assertThat(server.commands()).first().isEqualTo("EHLO gw.example.eu");
    assertThat(server.received()).singleElement()
        .satisfies(r -> assertThat(r.recipients()).containsExactly("a@legacy.example", "c@legacy.example"));
  }

  @Test
  void aTransientReplyAfterDataDefersEveryAcceptedRecipient() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp().data(r -> "451 4.3.0 try again"));
    assertThat(codes(relay(server, TlsPolicy.NONE).deliver(tx("a@legacy.example", "c@legacy.example"), SOURCE)))
        .containsExactly("a@legacy.example 451 4.3.0", "c@legacy.example 451 4.3.0");
  }

  @Test
  void dsnParametersGoToTheSmartHostOnlyWhenItAdvertisesDsn() throws Exception {
    DeliveryTransaction tx = new DeliveryTransaction("sender@example.eu",
        List.of(new Recipient("a@legacy.example", Set.of(DsnNotify.DELAY, DsnNotify.FAILURE), null)),
        MESSAGE.length(), BodyType.SEVEN_BIT, false, DsnRet.FULL, "env-1");
    FakeLmtpServer withDsn = server(FakeLmtpServer.Script.lmtp().extensions("PIPELINING", "DSN"));
    relay(withDsn, TlsPolicy.NONE).deliver(tx, SOURCE);
    assertThat(withDsn.commands()).contains("MAIL FROM:<sender@example.eu> RET=FULL ENVID=env-1",
        "RCPT TO:<a@legacy.example> NOTIFY=FAILURE,DELAY");

    FakeLmtpServer withoutDsn = server(FakeLmtpServer.Script.lmtp().extensions("PIPELINING"));
    relay(withoutDsn, TlsPolicy.NONE).deliver(tx, SOURCE);
    assertThat(withoutDsn.commands()).contains("MAIL FROM:<sender@example.eu>", "RCPT TO:<a@legacy.example>");
  }

  @Test
  void tooBigForTheSmartHostIsRefusedForEveryRecipientBeforeMail() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp().extensions("SIZE 5"));
    assertThat(codes(relay(server, TlsPolicy.NONE).deliver(tx("a@legacy.example", "c@legacy.example"), SOURCE)))
        .containsExactly("a@legacy.example 552 5.3.4", "c@legacy.example 552 5.3.4");
    assertThat(server.commands()).noneMatch(c -> c.startsWith("MAIL"));
  }

  @Test
  void tlsRequiredButNotOfferedDefersEveryRecipientWithoutSendingTheEnvelope() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp());
    List<RecipientReply> replies = relay(server, TlsPolicy.REQUIRED).deliver(tx("a@legacy.example", "c@legacy.example"), SOURCE);
    assertThat(codes(replies)).containsExactly("a@legacy.example 451 4.7.5", "c@legacy.example 451 4.7.5");
    assertThat(replies.getFirst().reply().lines().getFirst()).contains("TLS required by policy, not offered by 127.0.0.1");
    assertThat(server.commands()).containsExactly("EHLO gw.example.eu", "QUIT");
  }

  @Test
  void opportunisticTlsWithoutStartTlsFallsBackToPlaintextButKeepsCredentialsBack() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp().extensions("PIPELINING", "AUTH PLAIN LOGIN"));
    assertThat(codes(relay(server, TlsPolicy.OPPORTUNISTIC).deliver(tx("a@legacy.example"), SOURCE)))
        .containsExactly("a@legacy.example 250 2.0.0");

    SmtpRelayTransport withLogin = new SmtpRelayTransport(RelaySettings.defaults("legacy", "127.0.0.1", server.port(), "gw.example.eu")
        .withTls(TlsPolicy.OPPORTUNISTIC, TrustSource.jvmDefault(), true)
        .withCredentials(new RelayCredentials("gw", "s3cret")));
    closeAtEnd.add(withLogin);
    assertThat(codes(withLogin.deliver(tx("a@legacy.example"), SOURCE))).containsExactly("a@legacy.example 454 4.7.0");
    assertThat(server.commands()).noneMatch(c -> c.startsWith("AUTH"));
  }

  @Test
  void authLoginWhenTheHostOffersNoPlain() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp().extensions("PIPELINING", "AUTH LOGIN"));
    SmtpRelayTransport relay = new SmtpRelayTransport(RelaySettings.defaults("legacy", "127.0.0.1", server.port(), "gw.example.eu")
        .withTls(TlsPolicy.NONE, TrustSource.jvmDefault(), true).withCredentials(new RelayCredentials("gw", "s3cret")));
    closeAtEnd.add(relay);
    assertThat(codes(relay.deliver(tx("a@legacy.example"), SOURCE))).containsExactly("a@legacy.example 250 2.0.0");
    assertThat(server.commands().subList(1, 4)).containsExactly("AUTH LOGIN",
        Base64.getEncoder().encodeToString("gw".getBytes(StandardCharsets.UTF_8)),
        Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void twoTransactionsShareOnePooledConnection() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.Script.lmtp());
    SmtpRelayTransport relay = relay(server, TlsPolicy.NONE);
    relay.deliver(tx("a@legacy.example"), SOURCE);
    relay.deliver(tx("c@legacy.example"), SOURCE);
    assertThat(server.connections()).isEqualTo(1);
    assertThat(server.commands()).filteredOn("RSET"::equals).hasSize(1);
  }

  @Test
  void settingsAreValidatedWithMessagesNamingTheKey() {
    assertThatThrownBy(() -> RelaySettings.defaults("legacy", "smtp.legacy.example", 0, "gw.example.eu"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("legacy.port out of range");
    assertThatThrownBy(() -> RelaySettings.defaults("legacy", " ", 25, "gw.example.eu"))
        .hasMessageStartingWith("legacy.host ");
    assertThatThrownBy(() -> RelaySettings.defaults("legacy", "smtp.legacy.example", 25, "gw example"))
        .hasMessageStartingWith("legacy.heloName ");
    assertThatThrownBy(() -> RelaySettings.defaults("legacy", "smtp.legacy.example", 25, "gw.example.eu")
        .withTimeouts(Duration.ZERO, Duration.ofSeconds(1))).hasMessageStartingWith("legacy.connectTimeout must be positive");
    assertThatThrownBy(() -> RelaySettings.defaults("legacy", "smtp.legacy.example", 25, "gw.example.eu")
        .withTls(null, TrustSource.jvmDefault(), true)).hasMessageStartingWith("legacy.tls ");
    assertThatThrownBy(() -> new SmtpRelayTransport(RelaySettings.defaults("legacy", "smtp.legacy.example", 25, "gw.example.eu")
        .withTls(TlsPolicy.REQUIRED, new TrustSource.Pem(Path.of("does-not-exist.pem")), true)))
        .hasMessageStartingWith("legacy.trust cannot be loaded");
    RelaySettings defaults = RelaySettings.defaults("legacy", "smtp.legacy.example", 25, "gw.example.eu");
    assertThat(defaults.tls()).isEqualTo(TlsPolicy.REQUIRED);
    assertThat(defaults.verifyHostname()).isTrue();
    assertThat(defaults.trust()).isInstanceOf(TrustSource.JvmDefault.class);
  }

  @Test
  void passwordsNeverShowInToString() {
    RelaySettings settings = RelaySettings.defaults("legacy", "smtp.legacy.example", 587, "gw.example.eu")
        .withTls(TlsPolicy.REQUIRED, new TrustSource.Pkcs12(Path.of("trust.p12"), "store-pass"), true)
        .withCredentials(new RelayCredentials("gateway", "very-secret"));
    assertThat(settings.toString()).contains("gateway").doesNotContain("very-secret").doesNotContain("store-pass");
  }
}
