package eu.sovereignmail.gateway.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.gateway.delivery.FailedRecipient;
import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.smtp.DsnRet;
import eu.sovereignmail.gateway.smtp.OriginalRecipient;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.FileChannelOpener;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import eu.sovereignmail.gateway.spool.SpoolFullException;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failure hook against a real spool: the DSN becomes a durable new entry from {@code <>} to the sender, or an IOException. */
class BounceSenderTest {
  private static final String HOST = "mx.sovereign.example";
  private static final Instant NOW = Instant.parse("2025-03-06T10:00:00Z");
  private static final byte[] ORIGINAL = "Subject: hello\r\nMessage-ID: <m1@example.eu>\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final Recipient BOB = new Recipient("bob@example.org", Set.of(), new OriginalRecipient("rfc822", "bob@example.org"));
  private static final Recipient CAROL = new Recipient("carol@example.org", Set.of(DsnNotify.FAILURE), null);
  private static final Recipient NEVER = new Recipient("never@example.org", Set.of(DsnNotify.NEVER), null);
  private static final Recipient SUCCESS_ONLY = new Recipient("success@example.org", Set.of(DsnNotify.SUCCESS), null);

  @TempDir Path dir;
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final AtomicBoolean diskFull = new AtomicBoolean();

  /** Creating new spool files fails with ENOSPC while {@link #diskFull} is set. */
  private final FileChannelOpener opener = (path, options) -> {
    if (diskFull.get() && options.contains(StandardOpenOption.CREATE_NEW)) {
      throw new IOException("No space left on device");
    }
    return FileChannel.open(path, options);
  };

  private static SpoolEntry spoolOriginal(Spool spool, String mailFrom) throws Exception {
    Envelope envelope = new Envelope(EntryId.next(), NOW.minusSeconds(3600), Direction.INBOUND, mailFrom,
        List.of(BOB, CAROL, NEVER, SUCCESS_ONLY), DsnRet.FULL, "ENV-7", BodyType.SEVEN_BIT, false, "192.0.2.7", "mail.example.eu", null);
    return spool.accept(envelope, new ByteArrayInputStream(ORIGINAL)).get();
  }

  private static FailedRecipient failed(Recipient r) {
    return new FailedRecipient(r, SmtpReply.of(550, "5.1.1", "unknown user " + r.address()), "james.internal", "550 5.1.1 unknown");
  }

  private static List<SpoolEntry> dsnsIn(Spool spool, SpoolEntry original) {
    return spool.list().stream().filter(e -> !e.id().equals(original.id())).toList();
  }

  @Test
  void spoolsOneReportFromTheNullSenderToTheOriginalSender() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), opener)) {
      SpoolEntry original = spoolOriginal(spool, "alice@example.eu");
      new BounceSender(spool, HOST, clock).failed(original, List.of(failed(BOB), failed(CAROL), failed(NEVER)));

      List<SpoolEntry> dsns = dsnsIn(spool, original);
      assertThat(dsns).hasSize(1);
      Envelope envelope = dsns.get(0).envelope();
      assertThat(envelope.mailFrom()).isNull();
      assertThat(envelope.recipients()).extracting(Recipient::address).containsExactly("alice@example.eu");
      assertThat(envelope.direction()).isEqualTo(Direction.INTERNAL);
      assertThat(envelope.receivedAt()).isEqualTo(NOW);
      assertThat(envelope.body()).isEqualTo(BodyType.SEVEN_BIT);
      assertThat(envelope.smtpUtf8()).isFalse();
      assertThat(envelope.clientIp()).isEqualTo("127.0.0.1");
      assertThat(envelope.helo()).isEqualTo(HOST);
      assertThat(envelope.authenticatedUser()).isNull();
      assertThat(envelope.ret()).isNull();
      assertThat(envelope.envid()).isNull();

      byte[] bytes;
      try (InputStream in = spool.openMessage(envelope.id())) {
        bytes = in.readAllBytes();
      }
      ParsedDsn dsn = ParsedDsn.parse(bytes);
      assertThat(dsn.message().getTo().flatten().get(0).getAddress()).isEqualTo("alice@example.eu");
      assertThat(dsn.message().getMessageId()).isEqualTo("<" + envelope.id() + "@" + HOST + ">");
      assertThat(dsn.perMessage()).containsEntry("Original-Envelope-Id", "ENV-7");
      assertThat(dsn.perRecipient()).extracting(f -> f.get("Final-Recipient"))
          .containsExactly("rfc822; bob@example.org", "rfc822; carol@example.org");
      assertThat(dsn.parts().get(2).getMimeType()).isEqualTo("message/rfc822");
    }
  }

  @Test
  void noReportForTheNullSender() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), opener)) {
      SpoolEntry original = spoolOriginal(spool, null);
      new BounceSender(spool, HOST, clock).failed(original, List.of(failed(BOB), failed(CAROL)));
      assertThat(dsnsIn(spool, original)).isEmpty();
    }
  }

  @Test
  void noReportWhenNoRecipientAskedForFailures() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), opener)) {
      SpoolEntry original = spoolOriginal(spool, "alice@example.eu");
      new BounceSender(spool, HOST, clock).failed(original, List.of(failed(NEVER), failed(SUCCESS_ONLY)));
      assertThat(dsnsIn(spool, original)).isEmpty();
    }
  }

  @Test
  void aSpoolFailureIsThrownUnwrappedAndLeavesNoEntry() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), opener)) {
      SpoolEntry original = spoolOriginal(spool, "alice@example.eu");
      diskFull.set(true);
      assertThatThrownBy(() -> new BounceSender(spool, HOST, clock).failed(original, List.of(failed(BOB))))
          .isInstanceOf(SpoolFullException.class);
      assertThat(dsnsIn(spool, original)).isEmpty();
    }
  }

  @Test
  void anEntryThatLeftTheSpoolIsAnIoException() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), opener)) {
      SpoolEntry original = spoolOriginal(spool, "alice@example.eu");
      spool.delete(original.id());
      assertThatThrownBy(() -> new BounceSender(spool, HOST, clock).failed(original, List.of(failed(BOB))))
          .isInstanceOf(IOException.class).hasMessageContaining("left the spool");
      assertThat(spool.list()).isEmpty();
    }
  }

  @Test
  void aSenderWithAUtf8AddressGetsAnSmtpUtf8Entry() throws Exception {
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), opener)) {
      SpoolEntry original = spoolOriginal(spool, "jürgen@bücher.example");
      new BounceSender(spool, HOST, clock).failed(original, List.of(failed(BOB)));
      Envelope envelope = dsnsIn(spool, original).get(0).envelope();
      assertThat(envelope.smtpUtf8()).isTrue();
      assertThat(envelope.body()).isEqualTo(BodyType.EIGHT_BIT_MIME);
      assertThat(envelope.recipients()).extracting(Recipient::address).containsExactly("jürgen@bücher.example");
    }
  }
}
