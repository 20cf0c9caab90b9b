package eu.sovereignmail.gateway.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.auth.Authenticator;
import eu.sovereignmail.gateway.sasl.SaslCredentials;
import eu.sovereignmail.gateway.sasl.SaslDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scripted dialogues against the pre-login state machine with a stand-in identity and backend. */
class ImapSessionTest {
  private static final List<String> JAMES_CAPABILITIES = List.of("IMAP4rev1", "LITERAL+", "IDLE", "AUTH=PLAIN", "STARTTLS", "MOVE");

  private final List<LoginOutcome> outcomes = new ArrayList<>();
  private final List<String> opened = new ArrayList<>();
  private Backend.Opening opening = new Backend.Opening.Opened(new Backend.Link() {
    @Override
    public List<String> capabilities() {
      return JAMES_CAPABILITIES;
    }

    @Override
    public void close() {}
  });
  private Authenticator.Result identityDown = null;

  private final Authenticator authenticator = (credentials, ip) -> {
    if (identityDown != null) {
      return identityDown;
    }
    return switch (credentials) {
      case SaslCredentials.Password p when p.password().equals("right") ->
          new Authenticator.Result.Authenticated("alice@example.eu", "alice");
      case SaslCredentials.Bearer b when b.token().equals("good-token") ->
          new Authenticator.Result.Authenticated("alice@example.eu", "alice");
      default -> new Authenticator.Result.Rejected();
    };
  };

  private ImapSession session(boolean tls) {
    return new ImapSession(ImapSessionSettings.defaults("mail.example.eu", true), "192.0.2.7", tls, authenticator,
        (mailbox, username) -> {
          opened.add(mailbox + "/" + username);
          return opening;
        }, outcomes::add);
  }

  private static String text(SessionOutput output) {
    return new String(output.bytes(), StandardCharsets.UTF_8);
  }

  private static ByteBuffer in(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String b64(String text) {
    return SaslDecoder.encode(text);
  }

  @Test
  void beforeTlsLoginIsDisabledAndStartTlsOffered() {
    ImapSession s = session(false);
    assertThat(new String(s.greeting(), StandardCharsets.US_ASCII))
        .startsWith("* OK [CAPABILITY IMAP4rev1 SASL-IR LITERAL- ID STARTTLS LOGINDISABLED] mail.example.eu");
    SessionOutput out = s.feed(in("a1 LOGIN alice right\r\na2 AUTHENTICATE PLAIN " + b64("\0alice\0right") + "\r\n"));
    assertThat(text(out)).isEqualTo("a1 NO [PRIVACYREQUIRED] Logins are disabled until STARTTLS\r\n"
        + "a2 NO [PRIVACYREQUIRED] Logins are disabled until STARTTLS\r\n");
    assertThat(opened).isEmpty();
    assertThat(outcomes).containsExactly(LoginOutcome.PRIVACY_REQUIRED, LoginOutcome.PRIVACY_REQUIRED);
  }

  @Test
  void theLoopbackPlaintextDoorAllowsLoginWithoutTlsAndOffersNoStartTls() {
    ImapSession s = new ImapSession(ImapSessionSettings.defaults("mail.example.eu", true).withPlaintextLogin(),
        "127.0.0.1", false, authenticator, (mailbox, username) -> {
          opened.add(mailbox + "/" + username);
          return opening;
        }, outcomes::add);
    assertThat(new String(s.greeting(), StandardCharsets.US_ASCII)).startsWith(
        "* OK [CAPABILITY IMAP4rev1 SASL-IR LITERAL- ID AUTH=PLAIN AUTH=LOGIN AUTH=XOAUTH2 AUTH=OAUTHBEARER] ");
    assertThat(text(s.feed(in("a0 STARTTLS\r\n")))).isEqualTo("a0 BAD STARTTLS not available here\r\n");
    SessionOutput out = s.feed(in("a1 LOGIN alice right\r\n"));
    assertThat(text(out)).startsWith("a1 OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE MOVE] Logged in");
    assertThat(out.next()).isEqualTo(SessionOutput.Next.SPLICE);
    assertThat(outcomes).containsExactly(LoginOutcome.OK);
  }

  @Test
  void startTlsDiscardsWhatWasPipelinedBehindIt() {
    ImapSession s = session(false);
    ByteBuffer input = in("a1 STARTTLS\r\na2 LOGIN alice right\r\n");
    SessionOutput out = s.feed(input);
    assertThat(text(out)).isEqualTo("a1 OK Begin TLS negotiation now\r\n");
    assertThat(out.next()).isEqualTo(SessionOutput.Next.START_TLS);
    assertThat(input.hasRemaining()).isFalse();
    s.tlsStarted();
    assertThat(text(s.feed(in("a3 CAPABILITY\r\n")))).isEqualTo(
        "* CAPABILITY IMAP4rev1 SASL-IR LITERAL- ID AUTH=PLAIN AUTH=LOGIN AUTH=XOAUTH2 AUTH=OAUTHBEARER\r\na3 OK CAPABILITY completed\r\n");
    assertThat(text(s.feed(in("a4 STARTTLS\r\n")))).isEqualTo("a4 BAD STARTTLS not available here\r\n");
  }

  @Test
  void loginOpensTheBackendAndAnswersWithItsCapabilities() {
    ImapSession s = session(true);
    ByteBuffer input = in("a1 LOGIN alice right\r\na2 SELECT INBOX\r\n");
    SessionOutput out = s.feed(input);
    assertThat(text(out)).isEqualTo("a1 OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE MOVE] Logged in\r\n");
    assertThat(out.next()).isEqualTo(SessionOutput.Next.SPLICE);
    assertThat(StandardCharsets.US_ASCII.decode(input).toString()).isEqualTo("a2 SELECT INBOX\r\n");
    assertThat(opened).containsExactly("alice@example.eu/alice");
    assertThat(s.principal()).isEqualTo("alice@example.eu");
    assertThat(s.username()).isEqualTo("alice");
    assertThat(outcomes).containsExactly(LoginOutcome.OK);
  }

  @Test
  void loginWithLiteralsWorks() {
    ImapSession s = session(true);
    assertThat(text(s.feed(in("a1 LOGIN {5}\r\n")))).isEqualTo("+ Ready for literal data\r\n");
    SessionOutput out = s.feed(in("alice {5+}\r\nright\r\n"));
    assertThat(out.next()).isEqualTo(SessionOutput.Next.SPLICE);
  }

  @Test
  void authenticatePlainWithAndWithoutInitialResponse() {
    ImapSession s = session(true);
    assertThat(text(s.feed(in("a1 AUTHENTICATE PLAIN\r\n")))).isEqualTo("+ \r\n");
    SessionOutput out = s.feed(in(b64("\0alice\0right") + "\r\n"));
    assertThat(out.next()).isEqualTo(SessionOutput.Next.SPLICE);
    assertThat(text(out)).startsWith("a1 OK [CAPABILITY");

    ImapSession ir = session(true);
    assertThat(ir.feed(in("b1 AUTHENTICATE PLAIN " + b64("\0alice\0right") + "\r\n")).next())
        .isEqualTo(SessionOutput.Next.SPLICE);
  }

  @Test
  void authenticateLoginAsksForUserAndPassword() {
    ImapSession s = session(true);
    assertThat(text(s.feed(in("a1 AUTHENTICATE LOGIN\r\n")))).isEqualTo("+ " + b64("Username:") + "\r\n");
    assertThat(text(s.feed(in(b64("alice") + "\r\n")))).isEqualTo("+ " + b64("Password:") + "\r\n");
    assertThat(s.feed(in(b64("right") + "\r\n")).next()).isEqualTo(SessionOutput.Next.SPLICE);
  }

  @Test
  void aRejectedBearerGetsTheErrorChallengeThenNo() {
    ImapSession s = session(true);
    String bad = b64("n,a=alice,\u0001auth=Bearer bad-token\u0001\u0001");
    SessionOutput out = s.feed(in("a1 AUTHENTICATE OAUTHBEARER " + bad + "\r\n"));
    assertThat(text(out)).startsWith("+ ey");
    assertThat(text(s.feed(in("AQ==\r\n")))).isEqualTo("a1 NO [AUTHENTICATIONFAILED] Authentication failed\r\n");
    String good = b64("n,a=alice,\u0001auth=Bearer good-token\u0001\u0001");
    assertThat(s.feed(in("a2 AUTHENTICATE OAUTHBEARER " + good + "\r\n")).next()).isEqualTo(SessionOutput.Next.SPLICE);
    assertThat(outcomes).containsExactly(LoginOutcome.REJECTED, LoginOutcome.OK);
  }

  @Test
  void xoauth2Works() {
    ImapSession s = session(true);
    String token = b64("user=alice@example.eu\u0001auth=Bearer good-token\u0001\u0001");
    assertThat(s.feed(in("a1 AUTHENTICATE XOAUTH2 " + token + "\r\n")).next()).isEqualTo(SessionOutput.Next.SPLICE);
  }

  @Test
  void wrongPasswordIsRefusedAndTheClientMayRetry() {
    ImapSession s = session(true);
    SessionOutput out = s.feed(in("a1 LOGIN alice wrong\r\n"));
    assertThat(text(out)).isEqualTo("a1 NO [AUTHENTICATIONFAILED] Authentication failed\r\n");
    assertThat(out.next()).isEqualTo(SessionOutput.Next.READ);
    assertThat(s.feed(in("a2 LOGIN alice right\r\n")).next()).isEqualTo(SessionOutput.Next.SPLICE);
  }

  @Test
  void outagesAreTemporaryNotRefusals() {
    ImapSession s = session(true);
    identityDown = new Authenticator.Result.Unavailable();
    assertThat(text(s.feed(in("a1 LOGIN alice right\r\n"))))
        .isEqualTo("a1 NO [UNAVAILABLE] Authentication is temporarily unavailable, try again later\r\n");
    identityDown = null;
    opening = new Backend.Opening.Unavailable("connection refused");
    assertThat(text(s.feed(in("a2 LOGIN alice right\r\n"))))
        .isEqualTo("a2 NO [UNAVAILABLE] Mail store temporarily unavailable, try again later\r\n");
    opening = new Backend.Opening.TooManySessions();
    assertThat(text(s.feed(in("a3 LOGIN alice right\r\n")))).isEqualTo("a3 NO [LIMIT] Too many open sessions for this user\r\n");
    assertThat(outcomes).containsExactly(LoginOutcome.IDENTITY_UNAVAILABLE, LoginOutcome.BACKEND_UNAVAILABLE,
        LoginOutcome.TOO_MANY_SESSIONS);
  }

  @Test
  void saslCancelAndBadBase64() {
    ImapSession s = session(true);
    s.feed(in("a1 AUTHENTICATE PLAIN\r\n"));
    assertThat(text(s.feed(in("*\r\n")))).isEqualTo("a1 BAD Authentication cancelled\r\n");
    s.feed(in("a2 AUTHENTICATE PLAIN\r\n"));
    assertThat(text(s.feed(in("!!!\r\n")))).isEqualTo("a2 BAD Invalid base64 data\r\n");
    assertThat(text(s.feed(in("a3 AUTHENTICATE KERBEROS_V4\r\n")))).isEqualTo("a3 NO Unsupported authentication mechanism\r\n");
  }

  @Test
  void idNoopLogoutAndLaterCommands() {
    ImapSession s = session(true);
    assertThat(text(s.feed(in("a1 ID (\"name\" \"x\")\r\na2 NOOP\r\na3 SELECT INBOX\r\n")))).isEqualTo(
        "* ID (\"name\" \"Sovereign Mail\")\r\na1 OK ID completed\r\na2 OK NOOP completed\r\n"
            + "a3 BAD SELECT is not valid before login\r\n");
    SessionOutput out = s.feed(in("a4 LOGOUT\r\na5 NOOP\r\n"));
    assertThat(text(out)).isEqualTo("* BYE Logging out\r\na4 OK LOGOUT completed\r\n");
    assertThat(out.next()).isEqualTo(SessionOutput.Next.CLOSE);
  }

  @Test
  void tooManyCommandsBeforeLoginEndTheConnection() {
    ImapSession s = session(false);
    SessionOutput out = s.feed(in("a NOOP\r\n".repeat(10_000)));
    assertThat(text(out)).endsWith("* BYE Too many commands without login\r\n");
    assertThat(text(out).split("\r\n")).hasSize(51);
    assertThat(out.next()).isEqualTo(SessionOutput.Next.CLOSE);
    assertThat(s.closed()).isTrue();
  }

  @Test
  void tooManyErrorsEndTheConnection() {
    ImapSession s = session(false);
    SessionOutput out = s.feed(in("garbage\r\n".repeat(20)));
    assertThat(text(out)).startsWith("* BAD Missing or invalid tag\r\n").endsWith("* BYE Too many errors\r\n");
    assertThat(out.next()).isEqualTo(SessionOutput.Next.CLOSE);
  }

  @Test
  void anOversizedNonSynchronizingLiteralEndsTheConnection() {
    ImapSession s = session(true);
    SessionOutput out = s.feed(in("a1 LOGIN {100000+}\r\n"));
    assertThat(text(out)).isEqualTo("a1 BAD [TOOBIG] Literal too big\r\n* BYE Literal too big\r\n");
    assertThat(out.next()).isEqualTo(SessionOutput.Next.CLOSE);
    ImapSession sync = session(true);
    assertThat(text(sync.feed(in("a1 LOGIN {100000}\r\na2 NOOP\r\n"))))
        .isEqualTo("a1 BAD [TOOBIG] Literal too big\r\na2 OK NOOP completed\r\n");
  }

  @Test
  void aTooLongSaslLineEndsTheExchangeWithItsTag() {
    ImapSession s = session(true);
    s.feed(in("a1 AUTHENTICATE XOAUTH2\r\n"));
    assertThat(text(s.feed(in("A".repeat(20_000) + "\r\n")))).isEqualTo("a1 BAD Line too long\r\n");
    assertThat(text(s.feed(in("a2 NOOP\r\n")))).isEqualTo("a2 OK NOOP completed\r\n");
  }
}
