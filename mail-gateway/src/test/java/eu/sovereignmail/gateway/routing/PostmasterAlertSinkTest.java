package eu.sovereignmail.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The postmaster sink writing into a real spool: envelope, headers and body of the alert message. */
class PostmasterAlertSinkTest {
  private static final Instant NOW = Instant.parse("2025-05-20T08:00:00Z");
  private static final Alert FAILOVER = new Alert(NOW, "failover", "émilie@example.eu",
      "émilie@example.eu failed over from the legacy provider to SOVEREIGN",
      "legacy provider refused the recipient permanently: 550 5.2.1 Mailbox disabled");

  @TempDir
  Path dir;

  @Test
  void spoolsAShortPlainTextMessageToPostmaster() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults());
        PostmasterAlertSink sink = new PostmasterAlertSink(spool, "GW1.example.eu", "Example.EU",
            Clock.fixed(NOW, ZoneOffset.UTC))) {
      sink.raise(FAILOVER);

      await().atMost(Duration.ofSeconds(30)).until(() -> spool.list().size() == 1);
      SpoolEntry entry = spool.list().getFirst();
      Envelope envelope = entry.envelope();
      assertThat(envelope.mailFrom()).isNull();
      assertThat(envelope.direction()).isEqualTo(Direction.INTERNAL);
      assertThat(envelope.clientIp()).isEqualTo("127.0.0.1");
      assertThat(envelope.helo()).isEqualTo("gw1.example.eu");
      assertThat(envelope.recipients()).extracting(Recipient::address).containsExactly("postmaster@example.eu");
      assertThat(envelope.authenticatedUser()).isNull();

      Message message;
      String raw;
      try (InputStream in = spool.openMessage(entry.id())) {
        byte[] bytes = in.readAllBytes();
        raw = new String(bytes, StandardCharsets.US_ASCII);
        message = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(bytes));
      }
      assertThat(raw.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
      assertThat(raw.chars()).allMatch(c -> c < 0x80);
      assertThat(message.getFrom().getFirst().getAddress()).isEqualTo("MAILER-DAEMON@gw1.example.eu");
      assertThat(message.getTo().flatten().getFirst().getAddress()).isEqualTo("postmaster@example.eu");
      assertThat(message.getSubject())
          .isEqualTo("[sovereign-mail] émilie@example.eu failed over from the legacy provider to SOVEREIGN");
      assertThat(message.getHeader().getField("Auto-Submitted").getBody()).isEqualTo("auto-generated");
      assertThat(message.getMessageId()).endsWith("@gw1.example.eu>");
      assertThat(message.getDate()).isEqualTo(Date.from(NOW));
      assertThat(message.getMimeType()).isEqualTo("text/plain");
      assertThat(message.getCharset()).isEqualToIgnoringCase("UTF-8");
      assertThat(text(message)).contains("550 5.2.1 Mailbox disabled").contains("Kind:    failover")
          .contains("Subject: émilie@example.eu").contains("Gateway: gw1.example.eu");
    }
  }

  @Test
  void raiseReturnsAtOnceAndASpoolFailureIsOnlyLogged() throws Exception {
    Spool spool = Spool.open(dir, SpoolSettings.defaults());
    spool.close(); // every spool write now fails
    try (PostmasterAlertSink sink = new PostmasterAlertSink(spool, "gw1.example.eu", "example.eu", Clock.systemUTC())) {
      sink.raise(FAILOVER);
      sink.raise(null);
    }
    try (Spool reopened = Spool.open(dir, SpoolSettings.defaults())) {
      assertThat(reopened.list()).isEmpty();
    }
  }

  @Test
  void alertsRaisedBeforeCloseAreSpooledAndLaterOnesDropped() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      PostmasterAlertSink sink = new PostmasterAlertSink(spool, "gw1.example.eu", "example.eu", Clock.systemUTC());
      sink.raise(FAILOVER);
      sink.raise(FAILOVER);
      sink.close();
      sink.raise(FAILOVER);

      assertThat(spool.list()).hasSize(2);
    }
  }

  private static String text(Message message) throws IOException {
    StringWriter text = new StringWriter();
    try (var reader = ((TextBody) message.getBody()).getReader()) {
      reader.transferTo(text);
    }
    return text.toString();
  }
}
