package eu.sovereignmail.gateway.smtp.session;

import eu.sovereignmail.gateway.auth.Authenticator;
import eu.sovereignmail.gateway.smtp.CommandSyntaxError;
import eu.sovereignmail.gateway.smtp.Mailbox;
import eu.sovereignmail.gateway.smtp.ParsedCommand;
import eu.sovereignmail.gateway.sasl.SaslCredentials;
import eu.sovereignmail.gateway.smtp.SmtpCommand;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.smtp.parse.CommandParser;
import eu.sovereignmail.gateway.smtp.parse.SaslExchange;
import eu.sovereignmail.gateway.smtp.parse.SaslStep;
import eu.sovereignmail.gateway.smtp.wire.BdatChunkReader;
import eu.sovereignmail.gateway.smtp.wire.BodyStatus;
import eu.sovereignmail.gateway.smtp.wire.CommandLineDecoder;
import eu.sovereignmail.gateway.smtp.wire.DataDecoder;
import eu.sovereignmail.gateway.smtp.wire.LineEvent;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import eu.sovereignmail.gateway.spool.SpoolException;
import eu.sovereignmail.gateway.spool.SpoolWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ESMTP conversation as a socket-free state machine: bytes in, replies out, messages into the spool. The
 * connection code only moves bytes; every protocol rule lives here so it can be tested with scripted dialogues.
 *
 * <p>Not thread-safe: one connection thread feeds it. At the end of a message it blocks until the spool's commit
 * future completes (fine on a virtual thread) and answers 250 only then.
 */
public final class SmtpSession {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpSession.class);
  private static final Duration COMMIT_TIMEOUT = Duration.ofMinutes(2);
  private static final int BODY_CHUNK = 64 << 10;
  private static final List<String> EXTENSIONS =
      List.of("PIPELINING", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING", "DSN");

  private enum Mode { COMMAND, SASL, DATA, BDAT, CLOSED }

  /** MAIL FROM until end of message or RSET. */
  private static final class Transaction {
    final SmtpCommand.MailFrom mail;
    final Map<String, Recipient> recipients = new LinkedHashMap<>();
    boolean allLocal = true;
    SpoolWriter writer;
    boolean spoolFailed;
    long bdatOctets;
    final HeaderSection header = new HeaderSection();
    MessageFilter.Stage stage;

    Transaction(SmtpCommand.MailFrom mail) {
      this.mail = mail;
    }
  }

  private final SessionSettings settings;
  private final ClientEndpoint client;
  private final Spool spool;
  private final SessionPolicies policies;
  private final Clock clock;
  private final ByteBuffer body = ByteBuffer.allocate(BODY_CHUNK);
  private final List<SmtpReply> replies = new ArrayList<>();

  private Mode mode = Mode.COMMAND;
  private SessionOutput.Next next;
  private CommandLineDecoder lines = new CommandLineDecoder();
  private Optional<TlsInfo> tls;
  private String helo;
  private boolean esmtp;
  private String principal;
  private AutoCloseable userSession;
  private SaslExchange sasl;
  private boolean bearerRejected;
  private Transaction transaction;
  private DataDecoder data;
  private BdatChunkReader chunk;
  private boolean lastChunk;
  private SmtpReply chunkRejection;
  private int errors;

  /** {@code tls} is present when the connection is already TLS (implicit TLS listener). */
  public SmtpSession(
      SessionSettings settings, ClientEndpoint client, Optional<TlsInfo> tls, Spool spool, SessionPolicies policies,
      Clock clock) {
    this.settings = settings;
    this.client = client;
    this.tls = tls;
    this.spool = spool;
    this.policies = policies;
    this.clock = clock;
  }

  public SmtpReply greeting() {
    return SessionReplies.greeting(settings.hostname());
  }

  /** True once HELO/EHLO was accepted (the server then uses the longer idle timeout). */
  public boolean greeted() {
    return helo != null;
  }

  public boolean closed() {
    return mode == Mode.CLOSED;
  }

  /**
   * Consumes what it can of {@code in} (read mode). On {@code START_TLS} the rest of {@code in} has been discarded:
   * plaintext pipelined behind STARTTLS must never be read as if it came over TLS.
   */
  public SessionOutput feed(ByteBuffer in) {
    replies.clear();
    next = mode == Mode.CLOSED ? SessionOutput.Next.CLOSE : SessionOutput.Next.READ;
    while (next == SessionOutput.Next.READ && step(in)) {
      // every step consumed input or changed mode
    }
    if (next == SessionOutput.Next.START_TLS && in.hasRemaining()) {
      LOG.warn("event=smtp.starttls_plaintext_discarded client={} bytes={}", client.ip(), in.remaining());
      in.position(in.limit());
    }
    return new SessionOutput(replies, next);
  }

  /** The TLS handshake after STARTTLS succeeded: back to the state before EHLO (RFC 3207 4.2). */
  public void tlsStarted(TlsInfo info) {
    tls = Optional.of(info);
    lines = new CommandLineDecoder();
    helo = null;
    esmtp = false;
    principal = null;
    releaseUserSession();
    sasl = null;
    resetTransaction();
    mode = Mode.COMMAND;
  }

  /** The connection is gone: drop any message being received. */
  public void close() {
    resetTransaction();
    mode = Mode.CLOSED;
    releaseUserSession();
  }

  private void releaseUserSession() {
    AutoCloseable slot = userSession;
    userSession = null;
    if (slot != null) {
      try {
        slot.close();
      } catch (Exception e) {
        LOG.warn("event=smtp.session_slot_release_failed client={} error=\"{}\"", client.ip(), e.toString());
      }
    }
  }

  /** One unit of work; false when more input is needed. */
  private boolean step(ByteBuffer in) {
    return switch (mode) {
      case COMMAND, SASL -> line(lines.next(in));
      case DATA -> body(data.decode(in, body));
      case BDAT -> body(chunk.read(in, body));
      case CLOSED -> false;
    };
  }

  private boolean line(LineEvent event) {
    switch (event) {
      case LineEvent.NeedMore more -> {
        return false;
      }
      case LineEvent.TooLong tooLong -> {
        endSasl();
        fail(SmtpReply.COMMAND_LINE_TOO_LONG);
      }
      case LineEvent.BareLineBreak bare -> closeWith(SmtpReply.BARE_LINE_BREAK, "bare_line_break");
      case LineEvent.Line line -> {
        if (mode == Mode.SASL) {
          saslResponse(line.text());
        } else {
          command(CommandParser.parse(line.text(), transaction != null && transaction.mail.smtpUtf8()));
        }
      }
    }
    return true;
  }

  private void command(ParsedCommand parsed) {
    switch (parsed) {
      case CommandSyntaxError error -> fail(error.reply());
      case SmtpCommand.Helo h -> hello(h.domain(), false);
      case SmtpCommand.Ehlo e -> hello(e.domain(), true);
      case SmtpCommand.MailFrom mail -> mail(mail);
      case SmtpCommand.RcptTo rcpt -> rcpt(rcpt);
      case SmtpCommand.Data d -> data();
      case SmtpCommand.Bdat bdat -> bdat(bdat);
      case SmtpCommand.Rset r -> {
        resetTransaction();
        reply(SmtpReply.OK);
      }
      case SmtpCommand.Noop n -> reply(SmtpReply.OK);
      case SmtpCommand.Quit q -> {
        reply(SmtpReply.CLOSING);
        close();
        next = SessionOutput.Next.CLOSE;
      }
      case SmtpCommand.Vrfy v -> reply(SessionReplies.CANNOT_VRFY);
      case SmtpCommand.Help h -> reply(SessionReplies.HELP);
      case SmtpCommand.StartTls s -> startTls();
      case SmtpCommand.Auth auth -> auth(auth);
      case SmtpCommand.Unknown u -> fail(SmtpReply.COMMAND_UNRECOGNIZED);
    }
  }

  private void hello(String domain, boolean extended) {
    resetTransaction();
    helo = domain;
    esmtp = extended;
    if (!extended) {
      reply(SmtpReply.of(250, null, settings.hostname()));
      return;
    }
    List<String> text = new ArrayList<>();
    text.add(settings.hostname() + " Hello " + domain);
    text.add(EXTENSIONS.getFirst());
    text.add("SIZE " + settings.maxMessageSize());
    text.addAll(EXTENSIONS.subList(1, EXTENSIONS.size()));
    if (tls.isEmpty() && settings.startTls()) {
      text.add("STARTTLS");
    }
    if (tls.isPresent() && settings.kind().offersAuth() && principal == null) {
      text.add("AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER");
    }
    reply(new SmtpReply(250, null, text));
  }

  private void mail(SmtpCommand.MailFrom mail) {
    if (helo == null) {
      fail(SessionReplies.NEED_HELO);
    } else if (settings.kind().requiresAuth() && principal == null) {
      fail(tls.isEmpty() ? SessionReplies.TLS_REQUIRED : SessionReplies.AUTH_REQUIRED);
    } else if (transaction != null) {
      fail(SessionReplies.NESTED_MAIL);
    } else if (mail.size() > settings.maxMessageSize()) {
      fail(SmtpReply.MESSAGE_TOO_BIG);
    } else if (principal != null && !policies.senders().mayUse(principal, mail.reversePath())) {
      LOG.info("event=smtp.sender_refused client={} user={} sender={}", client.ip(), principal,
          mail.reversePath().map(Mailbox::toString).orElse(""));
      fail(SessionReplies.SENDER_NOT_OWNED);
    } else if (!policies.limits().mayStartMessage(client.ip(), Optional.ofNullable(principal))) {
      LOG.info("event=smtp.rate_limited client={} user={}", client.ip(), principal == null ? "" : principal);
      reply(SessionReplies.RATE_LIMITED);
    } else {
      transaction = new Transaction(mail);
      reply(SessionReplies.SENDER_OK);
    }
  }

  private void rcpt(SmtpCommand.RcptTo rcpt) {
    if (transaction == null) {
      fail(SessionReplies.NEED_MAIL);
      return;
    }
    Mailbox to = rcpt.forwardPath();
    boolean local = to.domain() == null || policies.recipients().isLocalDomain(to.domain());
    Lookup found = local && !to.isPostmaster() ? policies.recipients().lookup(to) : Lookup.KNOWN;
    if (found == Lookup.UNAVAILABLE) {
      LOG.warn("event=smtp.recipient_unverifiable client={} rcpt={}", client.ip(), to);
      reply(SessionReplies.RECIPIENT_UNVERIFIABLE);
    } else if (found == Lookup.UNKNOWN) {
      fail(SessionReplies.UNKNOWN_USER);
    } else if (!local && principal == null) {
      LOG.info("event=smtp.relay_denied client={} recipient_domain={}", client.ip(), to.domain());
      fail(SessionReplies.RELAY_DENIED);
    } else if (transaction.recipients.containsKey(to.toString())) {
      reply(SessionReplies.RECIPIENT_OK);
    } else if (transaction.recipients.size() >= settings.maxRecipients()) {
      reply(SessionReplies.TOO_MANY_RECIPIENTS);
    } else {
      transaction.recipients.put(to.toString(), new Recipient(to.toString(), rcpt.notifyOn(), rcpt.orcpt().orElse(null)));
      transaction.allLocal &= local;
      reply(SessionReplies.RECIPIENT_OK);
    }
  }

  private void data() {
    Optional<SmtpReply> refused = refuseMessageStart();
    if (refused.isPresent()) {
      fail(refused.get());
    } else if (transaction.writer != null) {
      fail(SmtpReply.BAD_SEQUENCE);
    } else if (beginMessage()) {
      data = new DataDecoder(settings.maxMessageSize());
      mode = Mode.DATA;
      reply(SmtpReply.START_MAIL_INPUT);
    } else {
      resetTransaction();
      reply(SmtpReply.STORAGE_FAILURE);
    }
  }

  /** BDAT always reads its chunk, even when refused (RFC 3030 2): the octets are not commands. */
  private void bdat(SmtpCommand.Bdat bdat) {
    chunkRejection = refuseMessageStart().orElse(null);
    if (chunkRejection == null && transaction.writer == null && !beginMessage()) {
      resetTransaction();
      chunkRejection = SmtpReply.STORAGE_FAILURE;
    }
    long budget = chunkRejection != null ? 0 : Math.max(0, settings.maxMessageSize() - transaction.bdatOctets);
    if (transaction != null) {
      transaction.bdatOctets += bdat.size();
    }
    chunk = new BdatChunkReader(bdat.size(), budget);
    lastChunk = bdat.last();
    mode = Mode.BDAT;
  }

  private Optional<SmtpReply> refuseMessageStart() {
    if (transaction == null) {
      return Optional.of(SessionReplies.NEED_MAIL);
    }
    if (transaction.recipients.isEmpty()) {
      return Optional.of(SessionReplies.NO_VALID_RECIPIENTS);
    }
    return Optional.empty();
  }

  private boolean body(BodyStatus status) {
    switch (status) {
      case NEED_INPUT -> {
        return false;
      }
      case OUTPUT_FULL -> flushBody();
      case BARE_LINE_BREAK -> closeWith(SmtpReply.BARE_LINE_BREAK, "bare_line_break_in_body");
      case END -> {
        if (mode == Mode.DATA) {
          mode = Mode.COMMAND;
          finishMessage(data.tooBig(), data.lineTooLong());
        } else {
          mode = Mode.COMMAND;
          chunkEnded();
        }
      }
    }
    return true;
  }

  private void chunkEnded() {
    if (chunkRejection != null) {
      body.clear();
      fail(chunkRejection);
      chunkRejection = null;
    } else if (chunk.tooBig() || lastChunk) {
      finishMessage(chunk.tooBig(), false);
    } else {
      flushBody();
      if (transaction.spoolFailed) {
        resetTransaction();
        reply(SmtpReply.STORAGE_FAILURE);
      } else {
        reply(SmtpReply.OK.withText("Chunk accepted"));
      }
    }
  }

  private boolean beginMessage() {
    Transaction t = transaction;
    EntryId id = EntryId.next();
    boolean authenticated = principal != null;
    Direction direction = !authenticated ? Direction.INBOUND : t.allLocal ? Direction.INTERNAL : Direction.OUTBOUND;
    Envelope envelope = new Envelope(id, clock.instant(), direction,
        t.mail.reversePath().map(Mailbox::toString).orElse(null), List.copyOf(t.recipients.values()),
        t.mail.ret().orElse(null), t.mail.envid().orElse(null), t.mail.body(), t.mail.smtpUtf8(), client.ip(), helo,
        principal);
    ReceivedHeader received = new ReceivedHeader(helo, client, settings.hostname(),
        ReceivedHeader.protocol(esmtp, tls.isPresent(), authenticated, t.mail.smtpUtf8()), tls, id.toString(),
        t.recipients.size() == 1 ? Optional.of(t.recipients.keySet().iterator().next()) : Optional.empty(),
        envelope.receivedAt());
    try {
      t.writer = spool.begin(envelope);
      t.writer.write(ByteBuffer.wrap(received.toBytes()));
    } catch (SpoolException e) {
      LOG.warn("event=smtp.spool_failed stage=begin client={} id={} error=\"{}\"", client.ip(), id, e.getMessage());
      return false;
    }
    if (!authenticated) {
      try {
        t.stage = policies.inbound().open(envelope);
      } catch (IOException | RuntimeException e) {
        LOG.warn("event=smtp.filter_failed stage=open client={} id={} error=\"{}\"", client.ip(), id, e.toString());
        t.writer.abort();
        return false;
      }
    }
    return true;
  }

  private void flushBody() {
    body.flip();
    Transaction t = transaction;
    if (t != null && t.writer != null && !t.spoolFailed && body.hasRemaining()) {
      if (principal != null) {
        t.header.feed(body);
      }
      try {
        if (t.stage != null) {
          t.stage.write(body);
        } else {
          t.writer.write(body);
        }
      } catch (IOException e) {
        t.spoolFailed = true;
        LOG.warn("event=smtp.spool_failed stage=write client={} id={} error=\"{}\"", client.ip(),
            t.writer.envelope().id(), e.getMessage());
      }
    }
    body.clear();
  }

  private void finishMessage(boolean tooBig, boolean lineTooLong) {
    flushBody();
    Transaction t = transaction;
    transaction = null;
    if (t.stage != null && (lineTooLong || tooBig || t.spoolFailed)) {
      t.stage.close();
    }
    if (lineTooLong || tooBig) {
      t.writer.abort();
      fail(lineTooLong ? SmtpReply.TEXT_LINE_TOO_LONG : SmtpReply.MESSAGE_TOO_BIG);
    } else if (t.spoolFailed) {
      t.writer.abort();
      reply(SmtpReply.STORAGE_FAILURE);
    } else if (principal != null && !fromOwned(t)) {
      t.writer.abort();
      fail(SessionReplies.SENDER_NOT_OWNED.withText("From: header address not owned by the authenticated user"));
    } else if (t.stage != null) {
      reply(filtered(t));
    } else {
      reply(commit(t.writer));
    }
  }

  /** The inbound filter decides: refused, or its (rewritten) message goes into the spool behind our Received field. */
  private SmtpReply filtered(Transaction t) {
    try (MessageFilter.Stage stage = t.stage) {
      MessageFilter.Verdict verdict = stage.finish();
      if (verdict instanceof MessageFilter.Verdict.Reject reject) {
        t.writer.abort();
        LOG.info("event=smtp.message_refused client={} id={} reply=\"{}\"", client.ip(), t.writer.envelope().id(),
            reject.reply());
        return reject.reply();
      }
      try (InputStream message = ((MessageFilter.Verdict.Accept) verdict).message()) {
        byte[] chunk = new byte[BODY_CHUNK];
        for (int n = message.read(chunk); n >= 0; n = message.read(chunk)) {
          t.writer.write(chunk, 0, n);
        }
      }
    } catch (SpoolException e) {
      t.writer.abort();
      LOG.warn("event=smtp.spool_failed stage=write client={} id={} error=\"{}\"", client.ip(), t.writer.envelope().id(),
          e.getMessage());
      return SmtpReply.STORAGE_FAILURE;
    } catch (IOException | RuntimeException e) {
      t.writer.abort();
      LOG.warn("event=smtp.filter_failed stage=finish client={} id={} error=\"{}\"", client.ip(), t.writer.envelope().id(),
          e.toString());
      return SmtpReply.of(451, "4.3.0", "Message could not be checked, try again later");
    }
    return commit(t.writer);
  }

  /** Submission: every From: address must be one the user may use (RFC 5322 From is what recipients see). */
  private boolean fromOwned(Transaction t) {
    try {
      for (Mailbox from : t.header.fromAddresses()) {
        if (!policies.senders().mayUse(principal, Optional.of(from))) {
          LOG.info("event=smtp.from_header_refused client={} user={} from={}", client.ip(), principal, from);
          return false;
        }
      }
      return true;
    } catch (HeaderSection.InvalidHeaderException e) {
      LOG.info("event=smtp.from_header_refused client={} user={} reason=\"{}\"", client.ip(), principal, e.getMessage());
      return false;
    }
  }

  private SmtpReply commit(SpoolWriter writer) {
    EntryId id = writer.envelope().id();
    try {
      SpoolEntry entry = writer.commit().get(COMMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("event=smtp.message_accepted client={} id={} size={} recipients={} direction={} user={}", client.ip(),
          id, writer.size(), writer.envelope().recipients().size(), writer.envelope().direction(),
          principal == null ? "" : principal);
      return SmtpReply.OK.withText("OK queued as " + entry.id());
    } catch (ExecutionException e) {
      LOG.warn("event=smtp.spool_failed stage=commit client={} id={} error=\"{}\"", client.ip(), id,
          e.getCause().getMessage());
    } catch (TimeoutException e) {
      LOG.warn("event=smtp.spool_failed stage=commit client={} id={} error=timeout", client.ip(), id);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("event=smtp.spool_failed stage=commit client={} id={} error=interrupted", client.ip(), id);
    }
    return SmtpReply.STORAGE_FAILURE;
  }

  private void startTls() {
    if (tls.isPresent()) {
      fail(SessionReplies.ALREADY_TLS);
    } else if (!settings.startTls()) {
      fail(SessionReplies.NOT_IMPLEMENTED);
    } else {
      reply(SmtpReply.READY_TO_START_TLS);
      next = SessionOutput.Next.START_TLS;
    }
  }

  private void auth(SmtpCommand.Auth auth) {
    if (!settings.kind().offersAuth()) {
      fail(SessionReplies.AUTH_NOT_ENABLED);
    } else if (tls.isEmpty()) {
      fail(SessionReplies.TLS_REQUIRED);
    } else if (helo == null) {
      fail(SessionReplies.NEED_HELO);
    } else if (principal != null) {
      fail(SessionReplies.ALREADY_AUTHENTICATED);
    } else if (transaction != null) {
      fail(SessionReplies.AUTH_IN_TRANSACTION);
    } else {
      sasl = SaslExchange.begin(auth.mechanism(), auth.initialResponse());
      saslStep(sasl.current());
    }
  }

  private void saslResponse(String text) {
    if (bearerRejected) {
      endSasl();
      fail(SmtpReply.AUTH_FAILED);
    } else {
      saslStep(sasl.respond(text));
    }
  }

  private void saslStep(SaslStep step) {
    switch (step) {
      case SaslStep.Challenge challenge -> {
        mode = Mode.SASL;
        lines.expectSaslResponse();
        reply(challenge.reply());
      }
      case SaslStep.Failed failed -> {
        endSasl();
        fail(failed.reply());
      }
      case SaslStep.Done done -> verify(done.credentials());
    }
  }

  private void verify(SaslCredentials credentials) {
    switch (policies.authenticator().authenticate(credentials, client.ip())) {
      case Authenticator.Result.Authenticated ok -> {
        endSasl();
        Optional<AutoCloseable> slot = policies.limits().openSession(ok.principal());
        if (slot.isEmpty()) {
          LOG.info("event=smtp.auth_too_many_sessions client={} user={}", client.ip(), ok.principal());
          closeWith(SessionReplies.TOO_MANY_SESSIONS, null);
          return;
        }
        principal = ok.principal();
        userSession = slot.get();
        LOG.info("event=smtp.auth_succeeded client={} user={}", client.ip(), principal);
        reply(SmtpReply.AUTH_SUCCEEDED);
      }
      case Authenticator.Result.Unavailable unavailable -> {
        endSasl();
        LOG.warn("event=smtp.auth_unavailable client={} user={}", client.ip(), credentials.user());
        reply(SessionReplies.AUTH_UNAVAILABLE);
      }
      case Authenticator.Result.Rejected rejected -> {
        LOG.info("event=smtp.auth_failed client={} user={}", client.ip(), credentials.user());
        if (credentials instanceof SaslCredentials.Bearer) {
          bearerRejected = true;
          mode = Mode.SASL;
          lines.expectSaslResponse();
          reply(SessionReplies.BEARER_ERROR);
        } else {
          endSasl();
          fail(SmtpReply.AUTH_FAILED);
        }
      }
    }
  }

  private void endSasl() {
    sasl = null;
    bearerRejected = false;
    if (mode == Mode.SASL) {
      mode = Mode.COMMAND;
    }
  }

  private void resetTransaction() {
    if (transaction != null && transaction.stage != null) {
      transaction.stage.close();
    }
    if (transaction != null && transaction.writer != null) {
      transaction.writer.abort();
    }
    transaction = null;
    body.clear();
  }

  private void reply(SmtpReply reply) {
    replies.add(reply);
  }

  /** A client error: counted; past the limit the session says 421 and closes. */
  private void fail(SmtpReply reply) {
    replies.add(reply);
    if (++errors >= settings.maxErrors()) {
      LOG.info("event=smtp.too_many_errors client={} errors={}", client.ip(), errors);
      closeWith(SessionReplies.tooManyErrors(settings.hostname()), null);
    }
  }

  private void closeWith(SmtpReply reply, String reason) {
    if (reason != null) {
      LOG.warn("event=smtp.protocol_violation client={} reason={}", client.ip(), reason);
    }
    replies.add(reply);
    close();
    next = SessionOutput.Next.CLOSE;
  }
}
