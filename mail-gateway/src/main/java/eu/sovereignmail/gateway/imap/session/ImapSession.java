package eu.sovereignmail.gateway.imap.session;

import eu.sovereignmail.gateway.auth.Authenticator;
import eu.sovereignmail.gateway.imap.ImapCommand;
import eu.sovereignmail.gateway.imap.parse.CommandParser;
import eu.sovereignmail.gateway.imap.parse.CommandReader;
import eu.sovereignmail.gateway.imap.parse.ParsedCommand;
import eu.sovereignmail.gateway.imap.parse.ReadEvent;
import eu.sovereignmail.gateway.sasl.SaslCredentials;
import eu.sovereignmail.gateway.sasl.SaslDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IMAP not-authenticated state, answered by the gateway itself (no sockets): greeting, CAPABILITY, ID, NOOP,
 * STARTTLS, LOGOUT, LOGIN and AUTHENTICATE. Logins are checked by the {@link Authenticator} (Keycloak), then the
 * {@link Backend} opens the user's James session and the session hands over ({@code SPLICE}); from then on bytes
 * flow untouched. LOGIN/AUTHENTICATE only under TLS (LOGINDISABLED until then) or on the loopback plaintext door;
 * bounded commands and errors.
 */
public final class ImapSession {
  private static final Logger LOG = LoggerFactory.getLogger(ImapSession.class);
  private static final String PRE_AUTH_CAPABILITIES = "IMAP4rev1 SASL-IR LITERAL- ID";
  private static final String AUTH_MECHANISMS = "AUTH=PLAIN AUTH=LOGIN AUTH=XOAUTH2 AUTH=OAUTHBEARER";
  private static final String BEARER_ERROR = SaslDecoder.encode("{\"status\":\"invalid_token\",\"schemes\":\"bearer\"}");

  private enum Mode { COMMAND, SASL, LOGGED_IN, CLOSED }

  private final ImapSessionSettings settings;
  private final String clientIp;
  private final Authenticator authenticator;
  private final Backend backend;
  private final Consumer<LoginOutcome> outcomes;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

  private CommandReader reader;
  private boolean tls;
  private Mode mode = Mode.COMMAND;
  private SessionOutput.Next next;
  private int commands;
  private int errors;
  private String saslTag;
  private SaslDecoder sasl;
  private boolean bearerRejected;
  private Backend.Link link;
  private String principal;
  private String username;

  /** {@code tls} is true on the implicit-TLS door. */
  public ImapSession(ImapSessionSettings settings, String clientIp, boolean tls, Authenticator authenticator, Backend backend,
      Consumer<LoginOutcome> outcomes) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clientIp = Objects.requireNonNull(clientIp, "clientIp");
    this.tls = tls;
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.backend = Objects.requireNonNull(backend, "backend");
    this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
    this.reader = new CommandReader(settings.parser());
  }

  public byte[] greeting() {
    return ascii("* OK [CAPABILITY " + capabilities() + "] " + settings.hostname() + " Sovereign Mail IMAP ready\r\n");
  }

  /**
   * What a client is told before login: LOGINDISABLED and STARTTLS until TLS, the SASL mechanisms after (and at once
   * on the loopback plaintext door).
   */
  public String capabilities() {
    if (loginAllowed()) {
      return PRE_AUTH_CAPABILITIES + " " + AUTH_MECHANISMS;
    }
    return PRE_AUTH_CAPABILITIES + (settings.offerStartTls() ? " STARTTLS" : "") + " LOGINDISABLED";
  }

  /**
   * Consumes what it can of {@code in}. On {@code START_TLS} the rest of {@code in} has been discarded (plaintext
   * pipelined behind STARTTLS must never count as if it came over TLS); on {@code SPLICE} what is left of {@code in}
   * belongs to the backend.
   */
  public SessionOutput feed(ByteBuffer in) {
    out.reset();
    next = mode == Mode.CLOSED ? SessionOutput.Next.CLOSE : SessionOutput.Next.READ;
    while (next == SessionOutput.Next.READ && mode != Mode.CLOSED) {
      ReadEvent event = reader.next(in);
      if (event instanceof ReadEvent.NeedMore) {
        break;
      }
      handle(event);
    }
    if (next == SessionOutput.Next.START_TLS && in.hasRemaining()) {
      LOG.warn("event=imap.starttls_plaintext_discarded client={} bytes={}", clientIp, in.remaining());
      in.position(in.limit());
    }
    return new SessionOutput(out.toByteArray(), next);
  }

  /** After the TLS handshake: a fresh parser, capabilities now offer the SASL mechanisms. */
  public void tlsStarted() {
    tls = true;
    reader = new CommandReader(settings.parser());
  }

  public boolean tls() {
    return tls;
  }

  public boolean closed() {
    return mode == Mode.CLOSED;
  }

  /** The opened backend session after {@code SPLICE}; the connection owns it from then on. */
  public Backend.Link backend() {
    if (link == null) {
      throw new IllegalStateException("not logged in");
    }
    return link;
  }

  /** The mailbox address after login. */
  public String principal() {
    return principal;
  }

  /** The account name after login (what revocation names). */
  public String username() {
    return username;
  }

  private void handle(ReadEvent event) {
    switch (event) {
      case ReadEvent.SendContinuation c -> write("+ Ready for literal data\r\n");
      case ReadEvent.Command command -> {
        if (++commands > settings.maxPreAuthCommands()) {
          LOG.info("event=imap.too_many_commands client={} commands={}", clientIp, commands - 1);
          bye("Too many commands without login");
          return;
        }
        switch (CommandParser.parse(command.command())) {
          case ParsedCommand.Ok ok -> command(ok.tag(), ok.command());
          case ParsedCommand.SyntaxError error -> error(error.tag(), "BAD " + error.message());
        }
      }
      case ReadEvent.Line line -> saslResponse(line.text());
      case ReadEvent.TooLong tooLong -> {
        String tag = mode == Mode.SASL ? endSasl() : tooLong.tag();
        error(tag, "BAD Line too long");
      }
      case ReadEvent.LiteralTooBig big -> {
        if (big.synchronizing()) {
          error(big.tag(), "BAD [TOOBIG] Literal too big");
        } else {
          write(big.tag() + " BAD [TOOBIG] Literal too big\r\n");
          bye("Literal too big");
        }
      }
      case ReadEvent.BadOctet bad -> {
        String tag = mode == Mode.SASL ? endSasl() : bad.tag();
        error(tag, "BAD NUL octet in command");
      }
      case ReadEvent.NeedMore more -> { }
    }
  }

  private void command(String tag, ImapCommand command) {
    switch (command) {
      case ImapCommand.Capability c -> write("* CAPABILITY " + capabilities() + "\r\n" + tag + " OK CAPABILITY completed\r\n");
      case ImapCommand.Noop n -> write(tag + " OK NOOP completed\r\n");
      case ImapCommand.Logout l -> {
        write("* BYE Logging out\r\n" + tag + " OK LOGOUT completed\r\n");
        mode = Mode.CLOSED;
        next = SessionOutput.Next.CLOSE;
      }
      case ImapCommand.StartTls s -> {
        if (tls || !settings.offerStartTls()) {
          error(tag, "BAD STARTTLS not available here");
        } else {
          write(tag + " OK Begin TLS negotiation now\r\n");
          next = SessionOutput.Next.START_TLS;
        }
      }
      case ImapCommand.Id id -> write("* ID (\"name\" \"Sovereign Mail\")\r\n" + tag + " OK ID completed\r\n");
      case ImapCommand.Login login -> {
        if (privacyRequired(tag)) {
          return;
        }
        verify(tag, new SaslCredentials.Password("", login.user(), login.password()), false);
      }
      case ImapCommand.Authenticate auth -> {
        if (privacyRequired(tag)) {
          return;
        }
        saslTag = tag;
        sasl = SaslDecoder.begin(auth.mechanism(), auth.initialResponse());
        saslStep(sasl.current());
      }
      case ImapCommand.NotYet later -> error(tag, "BAD " + later.name() + " is not valid before login");
    }
  }

  /** Under TLS, or on the loopback plaintext door (whose listener checked that it is bound to loopback). */
  private boolean loginAllowed() {
    return tls || settings.plaintextLogin();
  }

  private boolean privacyRequired(String tag) {
    if (loginAllowed()) {
      return false;
    }
    outcomes.accept(LoginOutcome.PRIVACY_REQUIRED);
    LOG.info("event=imap.login_refused client={} reason=no_tls", clientIp);
    error(tag, "NO [PRIVACYREQUIRED] Logins are disabled until STARTTLS");
    return true;
  }

  private void saslResponse(String line) {
    if (bearerRejected) {
      failLogin(endSasl(), LoginOutcome.REJECTED);
    } else {
      saslStep(sasl.respond(line));
    }
  }

  private void saslStep(SaslDecoder.Step step) {
    switch (step) {
      case SaslDecoder.Step.Challenge challenge -> {
        mode = Mode.SASL;
        reader.expectLine();
        write("+ " + (challenge.text().isEmpty() ? "" : SaslDecoder.encode(challenge.text())) + "\r\n");
      }
      case SaslDecoder.Step.Failed failed -> {
        String tag = endSasl();
        switch (failed.failure()) {
          case UNSUPPORTED_MECHANISM -> error(tag, "NO Unsupported authentication mechanism");
          case CANCELLED -> error(tag, "BAD Authentication cancelled");
          case INVALID_BASE64 -> {
            outcomes.accept(LoginOutcome.MALFORMED);
            error(tag, "BAD Invalid base64 data");
          }
          case MALFORMED -> {
            outcomes.accept(LoginOutcome.MALFORMED);
            error(tag, "BAD Malformed authentication message");
          }
        }
      }
      case SaslDecoder.Step.Done done -> verify(saslTag, done.credentials(), true);
    }
  }

  private void verify(String tag, SaslCredentials credentials, boolean sasl) {
    long started = System.nanoTime();
    Authenticator.Result verdict = authenticator.authenticate(credentials, clientIp);
    long checked = System.nanoTime();
    switch (verdict) {
      case Authenticator.Result.Authenticated ok -> open(tag, ok, sasl, checked - started);
      case Authenticator.Result.Unavailable unavailable -> {
        LOG.warn("event=imap.login_unavailable client={} user={} reason=identity", clientIp, printable(credentials.user()));
        outcomes.accept(LoginOutcome.IDENTITY_UNAVAILABLE);
        finish(sasl);
        write(tag + " NO [UNAVAILABLE] Authentication is temporarily unavailable, try again later\r\n");
      }
      case Authenticator.Result.Rejected rejected -> {
        LOG.info("event=imap.login_failed client={} user={}", clientIp, printable(credentials.user()));
        if (sasl && credentials instanceof SaslCredentials.Bearer) {
          bearerRejected = true;
          mode = Mode.SASL;
          reader.expectLine();
          write("+ " + BEARER_ERROR + "\r\n");
        } else {
          finish(sasl);
          failLogin(tag, LoginOutcome.REJECTED);
        }
      }
    }
  }

  /** {@code checkNanos}: how long identity took; logged with the backend's time so a slow login says where. */
  private void open(String tag, Authenticator.Result.Authenticated ok, boolean sasl, long checkNanos) {
    finish(sasl);
    long started = System.nanoTime();
    Backend.Opening opening = backend.open(ok.principal(), ok.username());
    long backendNanos = System.nanoTime() - started;
    switch (opening) {
      case Backend.Opening.Opened opened -> {
        link = opened.link();
        principal = ok.principal();
        username = ok.username();
        outcomes.accept(LoginOutcome.OK);
        LOG.info("event=imap.login_succeeded client={} user={} check_ms={} backend_ms={}", clientIp, principal,
            checkNanos / 1_000_000, backendNanos / 1_000_000);
        write(tag + " OK [CAPABILITY " + String.join(" ", clientCapabilities(link.capabilities())) + "] Logged in\r\n");
        mode = Mode.LOGGED_IN;
        next = SessionOutput.Next.SPLICE;
      }
      case Backend.Opening.Unavailable unavailable -> {
        LOG.warn("event=imap.login_unavailable client={} user={} reason=backend error=\"{}\"", clientIp, ok.principal(),
            unavailable.reason());
        outcomes.accept(LoginOutcome.BACKEND_UNAVAILABLE);
        write(tag + " NO [UNAVAILABLE] Mail store temporarily unavailable, try again later\r\n");
      }
      case Backend.Opening.TooManySessions tooMany -> {
        LOG.info("event=imap.login_refused client={} user={} reason=too_many_sessions", clientIp, ok.principal());
        outcomes.accept(LoginOutcome.TOO_MANY_SESSIONS);
        write(tag + " NO [LIMIT] Too many open sessions for this user\r\n");
      }
    }
  }

  /**
   * The backend's post-login capabilities minus what belongs to the not-authenticated state (which the gateway
   * owns): STARTTLS, LOGINDISABLED, SASL-IR, AUTH=.
   */
  static List<String> clientCapabilities(List<String> backend) {
    return backend.stream()
        .filter(c -> {
          String upper = c.toUpperCase(Locale.ROOT);
          return !(upper.equals("STARTTLS") || upper.equals("LOGINDISABLED") || upper.equals("SASL-IR")
              || upper.startsWith("AUTH="));
        })
        .collect(Collectors.toList());
  }

  private void failLogin(String tag, LoginOutcome outcome) {
    outcomes.accept(outcome);
    error(tag, "NO [AUTHENTICATIONFAILED] Authentication failed");
  }

  private void finish(boolean sasl) {
    if (sasl) {
      endSasl();
    }
  }

  /** Ends an AUTHENTICATE exchange; returns its tag. */
  private String endSasl() {
    String tag = saslTag;
    sasl = null;
    saslTag = null;
    bearerRejected = false;
    if (mode == Mode.SASL) {
      mode = Mode.COMMAND;
    }
    return tag == null ? "*" : tag;
  }

  /** A refused command: the tagged (or untagged) reply, then BYE when the client used up its errors. */
  private void error(String tag, String text) {
    write(tag + " " + text + "\r\n");
    if (++errors >= settings.maxErrors()) {
      LOG.info("event=imap.too_many_errors client={} errors={}", clientIp, errors);
      bye("Too many errors");
    }
  }

  private void bye(String text) {
    write("* BYE " + text + "\r\n");
    mode = Mode.CLOSED;
    next = SessionOutput.Next.CLOSE;
  }

  private void write(String text) {
    out.writeBytes(ascii(text));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String printable(String user) {
    StringBuilder b = new StringBuilder();
    user.codePoints().limit(64).forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f || c == ' ' ? '?' : c));
    return b.toString();
  }
}
