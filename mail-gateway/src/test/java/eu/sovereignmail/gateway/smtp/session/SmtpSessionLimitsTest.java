package eu.sovereignmail.gateway.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.limits.TrafficLimits;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits per address and per user, and the per-user session ceiling, as a client sees them. */
class SmtpSessionLimitsTest {
  private static final TlsInfo TLS = new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256");
  @TempDir Path dir;
  private Spool spool;

  @BeforeEach
  void openSpool() throws Exception {
    spool = Spool.open(dir, SpoolSettings.defaults());
  }

  @AfterEach
  void closeSpool() throws Exception {
    spool.close();
  }

  private SmtpSession session(ListenerKind kind, String ip, SendingLimits limits) {
    SessionPolicies base = TestPolicies.policies();
    SessionPolicies policies = new SessionPolicies(base.recipients(), base.authenticator(), base.senders(), limits);
    Optional<TlsInfo> tls = kind == ListenerKind.MX ? Optional.empty() : Optional.of(TLS);
    SmtpSession session = new SmtpSession(SessionSettings.defaults(kind, "mx.example.eu"),
        new ClientEndpoint(ip, Optional.empty()), tls, spool, policies, Clock.systemUTC());
    session.greeting();
    return session;
  }

  private static List<String> send(SmtpSession session, String text) {
    return session.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))).replies().stream()
        .map(r -> r.code() + (r.enhanced() == null ? "" : " " + r.enhanced())).toList();
  }

  private static String message(String from, String to) {
    return "MAIL FROM:<" + from + ">\r\nRCPT TO:<" + to + ">\r\nDATA\r\nSubject: x\r\n\r\nbody\r\n.\r\n";
  }

  @Test
  void anAddressPastItsRateGets450AndAnotherAddressIsUnaffected() {
    SendingLimits limits = TestPolicies.limits(new TrafficLimits(2, 100, Duration.ofHours(1), 5));
    SmtpSession flood = session(ListenerKind.MX, "192.0.2.1", limits);
    send(flood, "EHLO flood\r\n");
    assertThat(send(flood, message("a@remote.org", "alice@example.eu"))).endsWith("250 2.0.0");
    assertThat(send(flood, message("a@remote.org", "alice@example.eu"))).endsWith("250 2.0.0");
    assertThat(send(flood, "MAIL FROM:<a@remote.org>\r\n")).containsExactly("450 4.7.1");
    assertThat(flood.closed()).isFalse();

    SmtpSession other = session(ListenerKind.MX, "192.0.2.2", limits);
    send(other, "EHLO other\r\n");
    assertThat(send(other, message("b@remote.org", "alice@example.eu"))).endsWith("250 2.0.0");
    assertThat(spool.list()).hasSize(3);
  }

  @Test
  void anAuthenticatedUserCountsAgainstTheUserNotTheSharedAddress() {
    SendingLimits limits = TestPolicies.limits(new TrafficLimits(1, 2, Duration.ofHours(1), 5));
    SmtpSession alice = session(ListenerKind.SUBMISSIONS, "198.51.100.9", limits);
    send(alice, "EHLO laptop\r\n");
    assertThat(send(alice, "AUTH PLAIN " + plain("alice") + "\r\n")).containsExactly("235 2.7.0");
    assertThat(send(alice, message("alice@example.eu", "bob@example.eu"))).endsWith("250 2.0.0");
    assertThat(send(alice, message("alice@example.eu", "bob@example.eu"))).endsWith("250 2.0.0");
    assertThat(send(alice, "MAIL FROM:<alice@example.eu>\r\n")).containsExactly("450 4.7.1");

    SmtpSession bob = session(ListenerKind.SUBMISSIONS, "198.51.100.9", limits);
    send(bob, "EHLO desktop\r\n");
    assertThat(send(bob, "AUTH PLAIN " + plain("bob") + "\r\n")).containsExactly("235 2.7.0");
    assertThat(send(bob, message("bob@example.eu", "alice@example.eu"))).endsWith("250 2.0.0");
  }

  @Test
  void aUserPastTheSessionCeilingIsToldAndDisconnectedUntilASessionCloses() {
    SendingLimits limits = TestPolicies.limits(new TrafficLimits(100, 100, Duration.ofHours(1), 1));
    SmtpSession first = session(ListenerKind.SUBMISSIONS, "198.51.100.9", limits);
    send(first, "EHLO one\r\n");
    assertThat(send(first, "AUTH PLAIN " + plain("alice") + "\r\n")).containsExactly("235 2.7.0");

    SmtpSession second = session(ListenerKind.SUBMISSIONS, "198.51.100.10", limits);
    send(second, "EHLO two\r\n");
    assertThat(send(second, "AUTH PLAIN " + plain("alice") + "\r\n")).containsExactly("421 4.7.0");
    assertThat(second.closed()).isTrue();

    first.close();
    SmtpSession third = session(ListenerKind.SUBMISSIONS, "198.51.100.10", limits);
    send(third, "EHLO three\r\n");
    assertThat(send(third, "AUTH PLAIN " + plain("alice") + "\r\n")).containsExactly("235 2.7.0");
  }

  private static String plain(String user) {
    return Base64.getEncoder().encodeToString(("\0" + user + "\0" + TestPolicies.PASSWORD).getBytes(StandardCharsets.UTF_8));
  }
}
