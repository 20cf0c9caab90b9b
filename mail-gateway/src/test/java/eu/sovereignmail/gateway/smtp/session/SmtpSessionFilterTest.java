package eu.sovereignmail.gateway.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MX session's end-of-data filter step: rewritten messages are spooled, refusals answered, failures are 4xx. */
class SmtpSessionFilterTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T21:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private Spool spool;
  private final AtomicInteger closed = new AtomicInteger();

  /** Prepends a field; refuses bodies saying REJECT; fails on bodies saying BROKEN. */
  private final MessageFilter filter = envelope -> new MessageFilter.Stage() {
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    @Override
    public void write(ByteBuffer bytes) {
      ByteBuffer view = bytes.duplicate();
      byte[] copy = new byte[view.remaining()];
      view.get(copy);
      seen.writeBytes(copy);
    }

    @Override
    public MessageFilter.Verdict finish() throws IOException {
      String text = seen.toString(StandardCharsets.US_ASCII);
      if (text.contains("BROKEN")) {
        throw new IOException("checker down");
      }
      if (text.contains("REJECT")) {
        return new MessageFilter.Verdict.Reject(SmtpReply.of(550, "5.7.1", "refused by policy"));
      }
      return new MessageFilter.Verdict.Accept(new ByteArrayInputStream(("X-Checked: " + envelope.clientIp() + "\r\n" + text)
          .getBytes(StandardCharsets.US_ASCII)));
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  };

  @BeforeEach
  void open() throws IOException {
    spool = Spool.open(dir, SpoolSettings.defaults());
  }

  @AfterEach
  void close() throws IOException {
    spool.close();
  }

  private List<String> dialogue(SessionSettings settings, String body) {
    var base = TestPolicies.policies();
    SmtpSession session = new SmtpSession(settings, new ClientEndpoint("192.0.2.7", Optional.empty()), Optional.empty(), spool,
        new SessionPolicies(base.recipients(), base.authenticator(), base.senders(), base.limits(), filter), CLOCK);
    String script = "EHLO peer.example\r\nMAIL FROM:<x@peer.example>\r\nRCPT TO:<alice@example.eu>\r\nDATA\r\n" + body + ".\r\n";
    return session.feed(ByteBuffer.wrap(script.getBytes(StandardCharsets.US_ASCII))).replies().stream()
        .map(r -> r.code() + (r.enhanced() == null ? "" : " " + r.enhanced())).toList();
  }

  @Test
  void acceptedMessageIsSpooledAsTheFilterRewroteItBehindOurReceivedField() throws IOException {
    assertThat(dialogue(SessionSettings.defaults(ListenerKind.MX, "mx.example.eu"), "Subject: hi\r\n\r\nbody\r\n")).last()
        .isEqualTo("250 2.0.0");
    var entry = spool.list().getFirst();
    assertThat(SpooledMessages.text(spool, entry.id())).startsWith("Received: ");
    assertThat(SpooledMessages.afterReceived(spool, entry.id())).isEqualTo("X-Checked: 192.0.2.7\r\nSubject: hi\r\n\r\nbody\r\n");
    assertThat(closed).hasValue(1);
  }

  @Test
  void refusedMessageGetsTheFiltersReplyAndNothingIsSpooled() {
    assertThat(dialogue(SessionSettings.defaults(ListenerKind.MX, "mx.example.eu"), "Subject: REJECT\r\n\r\nbody\r\n")).last()
        .isEqualTo("550 5.7.1");
    assertThat(spool.list()).isEmpty();
    assertThat(closed).hasValue(1);
  }

  @Test
  void filterFailureIsTemporary() {
    assertThat(dialogue(SessionSettings.defaults(ListenerKind.MX, "mx.example.eu"), "Subject: BROKEN\r\n\r\nbody\r\n")).last()
        .isEqualTo("451 4.3.0");
    assertThat(spool.list()).isEmpty();
  }
}
