package eu.sovereignmail.gateway.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.smtp.DsnRet;
import eu.sovereignmail.gateway.smtp.OriginalRecipient;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.FileChannelOpener;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripted dialogues against the socket-free session with a real spool in a temporary directory. */
class SmtpSessionTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T21:00:00Z"), ZoneOffset.UTC);
  private static final ClientEndpoint CLIENT = new ClientEndpoint("192.0.2.7", Optional.of("mx.sender.example"));
  private static final TlsInfo TLS = new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256");

  @TempDir Path dir;
  /** What the spool's opener does to the directory fsync: null = fine, else the error to throw. */
  private final AtomicReference<String> dirSyncError = new AtomicReference<>();
  private final AtomicReference<String> createError = new AtomicReference<>();
  private Spool spool;
  private SmtpSession session;
  private SessionOutput last;

  @BeforeEach
  void openSpool() throws IOException {
    FileChannelOpener opener = (path, options) -> {
      String error = Files.isDirectory(path) ? dirSyncError.get() : createError.get();
      if (error != null) {
        throw new IOException(error);
      }
      return FileChannelOpener.DEFAULT.open(path, options);
    };
    spool = Spool.open(dir, SpoolSettings.defaults(), opener);
  }

  @AfterEach
  void closeSpool() throws IOException {
    spool.close();
  }

  private void start(SessionSettings settings, Optional<TlsInfo> tls) {
    session = new SmtpSession(settings, CLIENT, tls, spool, TestPolicies.policies(), CLOCK);
    assertThat(session.greeting().render()).isEqualTo("220 mx.example.eu ESMTP Sovereign Mail\r\n");
  }

  private void startMx() {
    start(SessionSettings.defaults(ListenerKind.MX, "mx.example.eu"), Optional.empty());
  }

  /** Feeds {@code text} in one go and returns the replies as "code enhanced" strings. */
  private List<String> send(String text) {
    return send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  private List<String> send(ByteBuffer in) {
    last = session.feed(in);
    return last.replies().stream().map(r -> r.code() + (r.enhanced() == null ? "" : " " + r.enhanced())).toList();
  }

  private SpoolEntry onlyEntry() {
    assertThat(spool.list()).hasSize(1);
    return spool.list().getFirst();
  }

  @Test
  void pipelinedDialogueSpoolsTheMessageWithReceivedHeaderAndDsnParameters() throws IOException {
    startMx();
    SessionOutput ehlo = session.feed(ByteBuffer.wrap("EHLO mx.sender.example\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertThat(ehlo.replies().getFirst().lines()).containsExactly("mx.example.eu Hello mx.sender.example", "PIPELINING",
        "SIZE " + SessionSettings.DEFAULT_MAX_MESSAGE_SIZE, "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING", "DSN",
        "STARTTLS");
    assertThat(send("MAIL FROM:<sender@remote.org> RET=HDRS ENVID=abc123 BODY=8BITMIME\r\n"
        + "RCPT TO:<alice@example.eu> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;alice@old.example\r\n"
        + "RCPT TO:<Bob@Example.EU>\r\nDATA\r\n"))
        .containsExactly("250 2.1.0", "250 2.1.5", "250 2.1.5", "354");
    assertThat(last.next()).isEqualTo(SessionOutput.Next.READ);
    assertThat(send("Subject: hi\r\n\r\n..leading dot\r\n")).isEmpty();
    assertThat(send(".\r\nQUIT\r\n")).containsExactly("250 2.0.0", "221 2.0.0");
    assertThat(last.next()).isEqualTo(SessionOutput.Next.CLOSE);

    SpoolEntry entry = onlyEntry();
    Envelope envelope = entry.envelope();
    assertThat(envelope.mailFrom()).isEqualTo("sender@remote.org");
    assertThat(envelope.ret()).isEqualTo(DsnRet.HDRS);
    assertThat(envelope.envid()).isEqualTo("abc123");
    assertThat(envelope.direction()).isEqualTo(Direction.INBOUND);
    assertThat(envelope.helo()).isEqualTo("mx.sender.example");
    assertThat(envelope.recipients()).containsExactly(
        new Recipient("alice@example.eu", Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE), new OriginalRecipient("rfc822", "alice@old.example")),
        Recipient.of("Bob@Example.EU"));
    String message = SpooledMessages.text(spool, entry.id());
    assertThat(message).startsWith("Received: from mx.sender.example (mx.sender.example [192.0.2.7])\r\n"
        + "\tby mx.example.eu (Sovereign Mail) with ESMTP\r\n\tid " + entry.id() + "; Mon, 23 Nov 2026 21:00:00 +0000\r\n");
    assertThat(SpooledMessages.afterReceived(spool, entry.id())).isEqualTo("Subject: hi\r\n\r\n.leading dot\r\n");
  }

  @Test
  void bdatChunksArePipelinedAndTheLastOneCommits() throws IOException {
    startMx();
    send("EHLO client\r\n");
    assertThat(send("MAIL FROM:<>\r\nRCPT TO:<alice@example.eu>\r\nBDAT 11\r\nline one\r\n\nBDAT 8 LAST\r\nend\r\n.\r\nNOOP\r\n"))
        .containsExactly("250 2.1.0", "250 2.1.5", "250 2.0.0", "250 2.0.0", "250 2.0.0");
    SpoolEntry entry = onlyEntry();
    assertThat(entry.envelope().mailFrom()).isNull();
    String message = SpooledMessages.text(spool, entry.id());
    assertThat(message).contains("\tfor <alice@example.eu>; ");
    assertThat(SpooledMessages.afterReceived(spool, entry.id())).isEqualTo("line one\r\n\nend\r\n.\r\n");
  }

  @Test
  void refusedBdatChunkIsStillReadSoPipeliningStaysInStep() {
    startMx();
    send("EHLO client\r\n");
    assertThat(send("BDAT 6 LAST\r\nRSET\r\nNOOP\r\n")).containsExactly("503 5.5.1", "250 2.0.0");
    assertThat(spool.list()).isEmpty();
  }

  @Test
  void relayIsDeniedAndUnknownLocalUsersAreRefused() {
    startMx();
    send("EHLO client\r\n");
    assertThat(send("MAIL FROM:<a@remote.org>\r\nRCPT TO:<someone@elsewhere.org>\r\nRCPT TO:<nobody@example.eu>\r\n"
        + "RCPT TO:<postmaster@example.eu>\r\nRCPT TO:<Postmaster>\r\nDATA\r\n"))
        .containsExactly("250 2.1.0", "554 5.7.1", "550 5.1.1", "250 2.1.5", "250 2.1.5", "354");
  }

  @Test
  void dataWithoutValidRecipientsIsRefused() {
    startMx();
    send("EHLO client\r\n");
    assertThat(send("DATA\r\nMAIL FROM:<a@remote.org>\r\nDATA\r\nRCPT TO:<alice@example.eu>\r\nMAIL FROM:<b@remote.org>\r\n"))
        .containsExactly("503 5.5.1", "250 2.1.0", "554 5.5.1", "250 2.1.5", "503 5.5.1");
  }

  @Test
  void submissionNeedsTlsBeforeAuthAndAuthBeforeMail() {
    start(SessionSettings.defaults(ListenerKind.SUBMISSION, "mx.example.eu"), Optional.empty());
    SessionOutput ehlo = session.feed(ByteBuffer.wrap("EHLO laptop\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertThat(ehlo.replies().getFirst().lines()).contains("STARTTLS").noneMatch(l -> l.startsWith("AUTH"));
    assertThat(send("AUTH PLAIN " + plain("alice", TestPolicies.PASSWORD) + "\r\nMAIL FROM:<alice@example.eu>\r\n"))
        .containsExactly("530 5.7.0", "530 5.7.0");
    assertThat(send("STARTTLS\r\n")).containsExactly("220 2.0.0");
    assertThat(last.next()).isEqualTo(SessionOutput.Next.START_TLS);
    session.tlsStarted(TLS);
    SessionOutput secure = session.feed(ByteBuffer.wrap("EHLO laptop\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertThat(secure.replies().getFirst().lines()).contains("AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER").doesNotContain("STARTTLS");
    assertThat(send("MAIL FROM:<alice@example.eu>\r\n")).containsExactly("530 5.7.0");
    assertThat(session.feed(ByteBuffer.wrap("AUTH PLAIN\r\n".getBytes(StandardCharsets.US_ASCII))).replies())
        .containsExactly(SmtpReply.of(334, null, ""));
    assertThat(send(plain("alice", TestPolicies.PASSWORD) + "\r\n")).containsExactly("235 2.7.0");
    assertThat(send("MAIL FROM:<bob@example.eu>\r\nMAIL FROM:<alice@example.eu>\r\nRCPT TO:<friend@elsewhere.org>\r\n"))
        .containsExactly("553 5.7.1", "250 2.1.0", "250 2.1.5");
  }

  @Test
  void authenticatedSubmissionIsRecordedAsOutboundEsmtpsa() throws IOException {
    start(SessionSettings.defaults(ListenerKind.SUBMISSIONS, "mx.example.eu"), Optional.of(TLS));
    send("EHLO laptop\r\n");
    assertThat(send("AUTH LOGIN\r\n")).containsExactly("334");
    assertThat(send(b64("alice") + "\r\n")).containsExactly("334");
    assertThat(send(b64(TestPolicies.PASSWORD) + "\r\n")).containsExactly("235 2.7.0");
    assertThat(send("MAIL FROM:<alice@example.eu>\r\nRCPT TO:<friend@elsewhere.org>\r\nDATA\r\nHi\r\n.\r\n"))
        .containsExactly("250 2.1.0", "250 2.1.5", "354", "250 2.0.0");
    SpoolEntry entry = onlyEntry();
    assertThat(entry.envelope().direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(entry.envelope().authenticatedUser()).isEqualTo("alice@example.eu");
    assertThat(SpooledMessages.text(spool, entry.id()))
        .contains("with ESMTPSA (TLSv1.3:TLS_AES_128_GCM_SHA256)").doesNotContain(TestPolicies.PASSWORD);
  }

  @Test
  void submissionRefusesAFromHeaderTheUserDoesNotOwnAndSpoolsNothing() throws IOException {
    start(SessionSettings.defaults(ListenerKind.SUBMISSIONS, "mx.example.eu"), Optional.of(TLS));
    send("EHLO laptop\r\n");
    assertThat(send("AUTH PLAIN " + plain("alice", TestPolicies.PASSWORD) + "\r\n")).containsExactly("235 2.7.0");
    String envelope = "MAIL FROM:<alice@example.eu>\r\nRCPT TO:<friend@elsewhere.org>\r\nDATA\r\n";
    assertThat(send(envelope + "From: \"The Director\" <bob@example.eu>\r\nSubject: wire money\r\n\r\nnow\r\n.\r\n"))
        .containsExactly("250 2.1.0", "250 2.1.5", "354", "553 5.7.1");
    assertThat(send(envelope + "From: bob@example.eu,\r\n alice@example.eu\r\n\r\nfolded\r\n.\r\n"))
        .containsExactly("250 2.1.0", "250 2.1.5", "354", "553 5.7.1");
    assertThat(send(envelope + "From: <<<garbage\r\n\r\nx\r\n.\r\n"))
        .containsExactly("250 2.1.0", "250 2.1.5", "354", "553 5.7.1");
    assertThat(spool.list()).isEmpty();
    assertThat(send(envelope + "From: Alice <ALICE@example.eu>\r\nSubject: ok\r\n\r\nfine\r\n.\r\n"))
        .containsExactly("250 2.1.0", "250 2.1.5", "354", "250 2.0.0");
    assertThat(spool.list()).hasSize(1);
  }

  @Test
  void wrongPasswordIs535AndIdentityOutageIs454() {
    start(SessionSettings.defaults(ListenerKind.SUBMISSIONS, "mx.example.eu"), Optional.of(TLS));
    send("EHLO laptop\r\n");
    assertThat(send("AUTH PLAIN " + plain("alice", "wrong") + "\r\nAUTH PLAIN " + plain("carol", "x") + "\r\n"))
        .containsExactly("535 5.7.8", "454 4.7.0");
  }

  @Test
  void rejectedBearerTokenGetsTheErrorChallengeThen535() {
    start(SessionSettings.defaults(ListenerKind.SUBMISSIONS, "mx.example.eu"), Optional.of(TLS));
    send("EHLO laptop\r\n");
    assertThat(send("AUTH XOAUTH2 " + b64("user=alice@example.eu\u0001auth=Bearer abc\u0001\u0001") + "\r\n"))
        .containsExactly("334");
    assertThat(send("\r\nNOOP\r\n")).containsExactly("535 5.7.8", "250 2.0.0");
  }

  @Test
  void mxDoesNotOfferAuth() {
    start(SessionSettings.defaults(ListenerKind.MX, "mx.example.eu"), Optional.of(TLS));
    SessionOutput ehlo = session.feed(ByteBuffer.wrap("EHLO peer\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertThat(ehlo.replies().getFirst().lines()).noneMatch(l -> l.startsWith("AUTH") || l.equals("STARTTLS"));
    assertThat(send("AUTH PLAIN " + plain("alice", TestPolicies.PASSWORD) + "\r\nSTARTTLS\r\n"))
        .containsExactly("503 5.5.1", "503 5.5.1");
  }

  @Test
  void tooManyRecipientsIs452AndTheAcceptedOnesStillGetTheMessage() {
    start(SessionSettings.defaults(ListenerKind.MX, "mx.example.eu").withMaxRecipients(2), Optional.empty());
    send("EHLO client\r\n");
    assertThat(send("MAIL FROM:<a@remote.org>\r\nRCPT TO:<alice@example.eu>\r\nRCPT TO:<bob@example.eu>\r\n"
        + "RCPT TO:<postmaster@example.eu>\r\nDATA\r\nx\r\n.\r\n"))
        .containsExactly("250 2.1.0", "250 2.1.5", "250 2.1.5", "452 4.5.3", "354", "250 2.0.0");
    assertThat(onlyEntry().envelope().recipients()).hasSize(2);
  }

  @Test
  void sizeOverTheLimitIsRefusedAtMailAndAfterTheBody() {
    start(SessionSettings.defaults(ListenerKind.MX, "mx.example.eu").withMaxMessageSize(100), Optional.empty());
    send("EHLO client\r\n");
    assertThat(send("MAIL FROM:<a@remote.org> SIZE=101\r\nMAIL FROM:<a@remote.org> SIZE=100\r\nRCPT TO:<alice@example.eu>\r\nDATA\r\n"))
        .containsExactly("552 5.3.4", "250 2.1.0", "250 2.1.5", "354");
    assertThat(send("x".repeat(80) + "\r\n" + "y".repeat(80) + "\r\n")).isEmpty();
    assertThat(send(".\r\nNOOP\r\n")).containsExactly("552 5.3.4", "250 2.0.0");
    assertThat(spool.list()).isEmpty();
    assertThat(send("MAIL FROM:<a@remote.org>\r\nRCPT TO:<alice@example.eu>\r\nBDAT 60\r\n" + "z".repeat(60)
        + "BDAT 60 LAST\r\n" + "z".repeat(60))).containsExactly("250 2.1.0", "250 2.1.5", "250 2.0.0", "552 5.3.4");
    assertThat(spool.list()).isEmpty();
  }

  @Test
  void spoolFailureAtCommitIs452NeverA250() {
    startMx();
    send("EHLO client\r\n");
    dirSyncError.set("No space left on device");
    assertThat(send("MAIL FROM:<a@remote.org>\r\nRCPT TO:<alice@example.eu>\r\nDATA\r\nbody\r\n.\r\n"))
        .containsExactly("250 2.1.0", "250 2.1.5", "354", "452 4.3.1");
    assertThat(send("MAIL FROM:<a@remote.org>\r\nRCPT TO:<alice@example.eu>\r\nBDAT 4 LAST\r\nbody"))
        .containsExactly("250 2.1.0", "250 2.1.5", "452 4.3.1");
    assertThat(spool.list()).isEmpty();
  }

  @Test
  void spoolFailureAtBeginIs452AtData() {
    startMx();
    send("EHLO client\r\n");
    createError.set("Input/output error");
    assertThat(send("MAIL FROM:<a@remote.org>\r\nRCPT TO:<alice@example.eu>\r\nDATA\r\nMAIL FROM:<a@remote.org>\r\n"))
        .containsExactly("250 2.1.0", "250 2.1.5", "452 4.3.1", "250 2.1.0");
    assertThat(spool.list()).isEmpty();
  }

  @Test
  void bareLineFeedInCommandsClosesWith521() {
    startMx();
    assertThat(send("EHLO client\nNOOP\r\n")).containsExactly("521 5.5.2");
    assertThat(last.next()).isEqualTo(SessionOutput.Next.CLOSE);
    assertThat(send("NOOP\r\n")).isEmpty();
  }

  @Test
  void smugglingInTheBodyClosesWith521AndSpoolsNothing() {
    startMx();
    send("EHLO client\r\n");
    assertThat(send("MAIL FROM:<a@remote.org>\r\nRCPT TO:<alice@example.eu>\r\nDATA\r\nhello\r\n\n.\n"
        + "MAIL FROM:<evil@example.eu>\r\n")).containsExactly("250 2.1.0", "250 2.1.5", "354", "521 5.5.2");
    assertThat(last.next()).isEqualTo(SessionOutput.Next.CLOSE);
    assertThat(spool.list()).isEmpty();
  }

  @Test
  void longLinesAreRefusedWithoutLosingStep() {
    startMx();
    send("EHLO client\r\n");
    assertThat(send("NOOP " + "x".repeat(600) + "\r\nNOOP\r\n")).containsExactly("500 5.5.2", "250 2.0.0");
    assertThat(send("MAIL FROM:<a@remote.org>\r\nRCPT TO:<alice@example.eu>\r\nDATA\r\n" + "y".repeat(1200) + "\r\n.\r\nNOOP\r\n"))
        .containsExactly("250 2.1.0", "250 2.1.5", "354", "500 5.5.2", "250 2.0.0");
    assertThat(spool.list()).isEmpty();
  }

  @Test
  void startTlsDiscardsPipelinedPlaintextAndResetsTheSession() {
    startMx();
    send("EHLO client\r\nMAIL FROM:<a@remote.org>\r\n");
    ByteBuffer in = ByteBuffer.wrap("STARTTLS\r\nRSET\r\nMAIL FROM:<evil@remote.org>\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(send(in)).containsExactly("220 2.0.0");
    assertThat(last.next()).isEqualTo(SessionOutput.Next.START_TLS);
    assertThat(in.hasRemaining()).isFalse();
    session.tlsStarted(TLS);
    assertThat(session.greeted()).isFalse();
    assertThat(send("MAIL FROM:<a@remote.org>\r\nEHLO client\r\nMAIL FROM:<a@remote.org>\r\nSTARTTLS\r\n"))
        .containsExactly("503 5.5.1", "250", "250 2.1.0", "503 5.5.1");
  }

  @Test
  void tooManyErrorsCloseWith421() {
    start(SessionSettings.defaults(ListenerKind.MX, "mx.example.eu").withMaxErrors(3), Optional.empty());
    assertThat(send("FOO\r\nBAR\r\nNOOP\r\nBAZ\r\nNOOP\r\n")).containsExactly("500 5.5.1", "500 5.5.1", "250 2.0.0", "500 5.5.1", "421 4.7.0");
    assertThat(last.next()).isEqualTo(SessionOutput.Next.CLOSE);
  }

  private static String plain(String user, String password) {
    return b64("\0" + user + "\0" + password);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
