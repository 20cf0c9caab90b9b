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
import eu.sovereignmail.gateway.spool.Recipient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.james.mime4j.dom.Message;
import org.junit.jupiter.api.Test;

/** The DSN's bytes, parsed back with mime4j: structure, header fields, status fields and what of the original returns. */
class DsnBuilderTest {
  private static final String HOST = "mx.sovereign.example";
  private static final Instant ARRIVED = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant NOW = Instant.parse("2025-03-06T10:00:00Z");
  private static final String ORIGINAL = """
      From: Alice <alice@example.eu>\r
      To: bob@example.org, carol@example.org\r
      Subject: Quarterly figures\r
      Message-ID: <orig-1@example.eu>\r
      \r
      The secret body.\r
      """;
  private static final Recipient BOB = new Recipient("bob@example.org", Set.of(DsnNotify.FAILURE),
      new OriginalRecipient("rfc822", "Bob+Old@example.org"));
  private static final Recipient CAROL = Recipient.of("carol@example.org");
  private static final List<FailedRecipient> TWO_FAILURES = List.of(
      new FailedRecipient(BOB, SmtpReply.of(550, "5.1.1", "No such user here"), "james.internal", "550 5.1.1 No such user here"),
      new FailedRecipient(CAROL, null, null, "retries exhausted after 12 attempts, last: 451 4.4.1 unreachable"));

  private final DsnBuilder builder = new DsnBuilder(HOST);

  private static Envelope envelope(String mailFrom, DsnRet ret, String envid) {
    return new Envelope(EntryId.next(), ARRIVED, Direction.INBOUND, mailFrom, List.of(BOB, CAROL), ret, envid,
        BodyType.SEVEN_BIT, false, "192.0.2.7", "mail.example.eu", null);
  }

  private DsnMessage build(Envelope envelope, String original, DsnAction action, List<FailedRecipient> recipients) throws IOException {
    byte[] bytes = original.getBytes(StandardCharsets.UTF_8);
    return builder.build(EntryId.next(), envelope, () -> new ByteArrayInputStream(bytes), action, recipients, NOW);
  }

  private ParsedDsn failure(DsnRet ret, String original) throws IOException {
    return ParsedDsn.parse(build(envelope("alice@example.eu", ret, "QQ-314"), original, DsnAction.FAILED, TWO_FAILURES).bytes());
  }

  @Test
  void isAMultipartReportWithTheThreeParts() throws IOException {
    ParsedDsn dsn = failure(null, ORIGINAL);
    assertThat(dsn.message().getHeader().getField("Content-Type").getBody()).contains("report-type=delivery-status");
    assertThat(dsn.parts().get(0).getMimeType()).isEqualTo("text/plain");
    assertThat(dsn.parts().get(1).getMimeType()).isEqualTo("message/delivery-status");
    assertThat(dsn.parts().get(2).getMimeType()).isEqualTo("text/rfc822-headers");
  }

  @Test
  void headerFieldsNameTheMailerDaemonAndTheSender() throws IOException {
    ParsedDsn dsn = failure(null, ORIGINAL);
    assertThat(dsn.header("From")).isEqualTo("\"Mail Delivery System\" <MAILER-DAEMON@" + HOST + ">");
    assertThat(dsn.message().getFrom().get(0).getAddress()).isEqualTo("MAILER-DAEMON@" + HOST);
    assertThat(dsn.message().getTo().flatten().get(0).getAddress()).isEqualTo("alice@example.eu");
    assertThat(dsn.message().getSubject()).isEqualTo("Undelivered Mail Returned to Sender");
    assertThat(dsn.message().getDate()).isEqualTo(java.util.Date.from(NOW));
    assertThat(dsn.message().getMessageId()).endsWith("@" + HOST + ">");
    assertThat(dsn.header("Auto-Submitted")).isEqualTo("auto-replied");
    assertThat(dsn.header("MIME-Version")).isEqualTo("1.0");
  }

  @Test
  void perMessageFieldsCarryTheEnvelopeId() throws IOException {
    ParsedDsn dsn = failure(null, ORIGINAL);
    assertThat(dsn.perMessage()).containsEntry("Reporting-MTA", "dns; " + HOST)
        .containsEntry("Original-Envelope-Id", "QQ-314")
        .containsEntry("Arrival-Date", "Sat, 1 Mar 2025 10:00:00 +0000");
  }

  @Test
  void eachRecipientHasItsOwnGroupWithItsReply() throws IOException {
    ParsedDsn dsn = failure(null, ORIGINAL);
    assertThat(dsn.perRecipient()).hasSize(2);
    Map<String, String> bob = dsn.perRecipient().get(0);
    assertThat(bob).containsEntry("Original-Recipient", "rfc822; Bob+Old@example.org")
        .containsEntry("Final-Recipient", "rfc822; bob@example.org")
        .containsEntry("Action", "failed")
        .containsEntry("Status", "5.1.1")
        .containsEntry("Remote-MTA", "dns; james.internal")
        .containsEntry("Diagnostic-Code", "smtp; 550 5.1.1 No such user here")
        .containsEntry("Last-Attempt-Date", "Thu, 6 Mar 2025 10:00:00 +0000");
    Map<String, String> carol = dsn.perRecipient().get(1);
    assertThat(carol).containsEntry("Final-Recipient", "rfc822; carol@example.org")
        .containsEntry("Action", "failed")
        .containsEntry("Status", "4.4.7")
        .doesNotContainKeys("Original-Recipient", "Remote-MTA", "Diagnostic-Code");
  }

  @Test
  void humanTextListsEveryRecipientWithItsReason() throws IOException {
    String text = ParsedDsn.text(failure(null, ORIGINAL).parts().get(0));
    assertThat(text).contains(HOST)
        .contains("<bob@example.org>: 550 5.1.1 No such user here (host james.internal)")
        .contains("<carol@example.org>: retries exhausted after 12 attempts")
        .contains("QQ-314");
  }

  @Test
  void withoutRetOrWithHdrsOnlyTheHeaderSectionReturns() throws IOException {
    for (DsnRet ret : new DsnRet[] {null, DsnRet.HDRS}) {
      ParsedDsn dsn = failure(ret, ORIGINAL);
      assertThat(dsn.parts().get(2).getMimeType()).isEqualTo("text/rfc822-headers");
      String headers = ParsedDsn.text(dsn.parts().get(2));
      assertThat(headers).contains("Subject: Quarterly figures\r\n", "Message-ID: <orig-1@example.eu>\r\n")
          .doesNotContain("secret body");
    }
  }

  @Test
  void retFullReturnsTheWholeMessage() throws IOException {
    ParsedDsn dsn = failure(DsnRet.FULL, ORIGINAL);
    assertThat(dsn.parts().get(2).getMimeType()).isEqualTo("message/rfc822");
    Message returned = (Message) dsn.parts().get(2).getBody();
    assertThat(returned.getSubject()).isEqualTo("Quarterly figures");
    assertThat(ParsedDsn.text(returned)).isEqualTo("The secret body.\r\n");
  }

  @Test
  void anAsciiReportIsSevenBitWithCrlfLinesOfAtMost998Octets() throws IOException {
    DsnMessage dsn = build(envelope("alice@example.eu", DsnRet.FULL, null), ORIGINAL, DsnAction.FAILED, TWO_FAILURES);
    assertThat(dsn.body()).isEqualTo(BodyType.SEVEN_BIT);
    assertThat(dsn.smtpUtf8()).isFalse();
    assertCanonical(dsn.bytes());
    for (byte b : dsn.bytes()) {
      assertThat(b & 0x80).isZero();
    }
  }

  @Test
  void anEightBitOriginalMakesAnEightBitMimeReport() throws IOException {
    DsnMessage dsn = build(envelope("alice@example.eu", DsnRet.FULL, null), ORIGINAL.replace("secret", "geheimes Gemüse"),
        DsnAction.FAILED, TWO_FAILURES);
    assertThat(dsn.body()).isEqualTo(BodyType.EIGHT_BIT_MIME);
    assertThat(ParsedDsn.parse(dsn.bytes()).parts().get(2).getContentTransferEncoding()).isEqualTo("8bit");
  }

  @Test
  void eightBitHeadersAreQuotedPrintableInTheHeadersPart() throws IOException {
    DsnMessage dsn = build(envelope("alice@example.eu", DsnRet.HDRS, null), ORIGINAL.replace("Quarterly", "Quartalszahlen für"),
        DsnAction.FAILED, TWO_FAILURES);
    assertThat(dsn.body()).isEqualTo(BodyType.SEVEN_BIT);
    ParsedDsn parsed = ParsedDsn.parse(dsn.bytes());
    assertThat(parsed.parts().get(2).getContentTransferEncoding()).isEqualTo("quoted-printable");
    assertThat(ParsedDsn.text(parsed.parts().get(2))).contains("Subject: Quartalszahlen für figures");
  }

  @Test
  void aUtf8SenderNeedsSmtpUtf8AndKeepsItsAddress() throws IOException {
    DsnMessage dsn = build(envelope("jürgen@bücher.example", null, null), ORIGINAL, DsnAction.FAILED, TWO_FAILURES);
    assertThat(dsn.smtpUtf8()).isTrue();
    assertThat(dsn.body()).isEqualTo(BodyType.EIGHT_BIT_MIME);
    assertThat(new String(dsn.bytes(), StandardCharsets.UTF_8)).contains("\r\nTo: <jürgen@bücher.example>\r\n");
  }

  @Test
  void nonAsciiRecipientsAndEnvelopeIdsStaySevenBitInTheStatus() throws IOException {
    Recipient utf8 = new Recipient("zoë@example.org", Set.of(), new OriginalRecipient("rfc822", "zoë+x@example.org"));
    DsnMessage dsn = build(envelope("alice@example.eu", null, "id ü"), ORIGINAL, DsnAction.FAILED,
        List.of(new FailedRecipient(utf8, SmtpReply.of(550, null, "nope"), null, "550 nope")));
    ParsedDsn parsed = ParsedDsn.parse(dsn.bytes());
    assertThat(parsed.perMessage()).containsEntry("Original-Envelope-Id", "id+20+C3+BC");
    assertThat(parsed.perRecipient().get(0)).containsEntry("Final-Recipient", "utf-8; zo\\x{EB}@example.org")
        .containsEntry("Original-Recipient", "utf-8; zo\\x{EB}\\x{2B}x@example.org")
        .containsEntry("Status", "5.0.0");
  }

  @Test
  void aLongDiagnosticIsFoldedAndSurvivesUnfolding() throws IOException {
    String longText = "policy ".repeat(60).strip();
    DsnMessage dsn = build(envelope("alice@example.eu", null, null), ORIGINAL, DsnAction.FAILED,
        List.of(new FailedRecipient(BOB, SmtpReply.of(554, "5.7.1", longText), null, "554 rejected")));
    assertCanonical(dsn.bytes());
    String raw = ParsedDsn.text(ParsedDsn.parse(dsn.bytes()).parts().get(1));
    assertThat(raw.lines()).allMatch(line -> line.length() <= 78);
    assertThat(ParsedDsn.parse(dsn.bytes()).perRecipient().get(0)).containsEntry("Diagnostic-Code", "smtp; 554 5.7.1 " + longText);
  }

  @Test
  void aDelayReportSaysDelayedAndReturnsHeadersOnly() throws IOException {
    Recipient bobDelay = new Recipient("bob@example.org", Set.of(DsnNotify.DELAY), null);
    DsnMessage dsn = build(envelope("alice@example.eu", DsnRet.FULL, null), ORIGINAL, DsnAction.DELAYED,
        List.of(new FailedRecipient(bobDelay, SmtpReply.of(451, "4.3.0", "try later"), "mx.example.org", "451 4.3.0 try later")));
    ParsedDsn parsed = ParsedDsn.parse(dsn.bytes());
    assertThat(parsed.message().getSubject()).isEqualTo("Delayed Mail (still being retried)");
    assertThat(parsed.perRecipient().get(0)).containsEntry("Action", "delayed").containsEntry("Status", "4.3.0");
    assertThat(parsed.parts().get(2).getMimeType()).isEqualTo("text/rfc822-headers");
  }

  @Test
  void oddOriginalsNeverFailTheReport() throws IOException {
    List<String> odd = List.of("", "no header here, just text\r\n\r\nmore\r\n", "\r\nbody after an empty header\r\n",
        "Subject: bare line feeds\nX-A: b\n\nbody\n", "Subject: no line end at all", "Subject: only a header\r\n",
        "Subject: ok\r\n continued\r\n\tagain\r\nnot a field\r\nX: y\r\n\r\nbody\r\n");
    for (DsnRet ret : new DsnRet[] {DsnRet.HDRS, DsnRet.FULL}) {
      for (String original : odd) {
        DsnMessage dsn = build(envelope("alice@example.eu", ret, null), original, DsnAction.FAILED, TWO_FAILURES);
        assertCanonical(dsn.bytes());
        ParsedDsn parsed = ParsedDsn.parse(dsn.bytes());
        assertThat(parsed.perRecipient()).hasSize(2);
      }
    }
    String headers = ParsedDsn.text(failure(DsnRet.HDRS, "Subject: ok\r\n continued\r\nnot a field\r\nX: y\r\n\r\nbody\r\n").parts().get(2));
    assertThat(headers).isEqualTo("Subject: ok\r\n continued\r\n");
    assertThat(ParsedDsn.text(failure(DsnRet.HDRS, "Subject: bare\nX-A: b\n\nbody\n").parts().get(2))).isEqualTo("Subject: bare\r\nX-A: b\r\n");
    assertThat(ParsedDsn.text(failure(DsnRet.HDRS, "just text\r\n").parts().get(2))).isEmpty();
  }

  @Test
  void aWholeMessageThatCannotTravelFallsBackToItsHeaders() throws IOException {
    String longLine = ORIGINAL + "x".repeat(2000) + "\r\n";
    ParsedDsn dsn = failure(DsnRet.FULL, longLine);
    assertThat(dsn.parts().get(2).getMimeType()).isEqualTo("text/rfc822-headers");
    assertThat(ParsedDsn.text(dsn.parts().get(0))).contains("lines longer than 998 octets");

    DsnBuilder small = new DsnBuilder(HOST, 50);
    byte[] bytes = ORIGINAL.getBytes(StandardCharsets.US_ASCII);
    DsnMessage tooBig = small.build(EntryId.next(), envelope("alice@example.eu", DsnRet.FULL, null),
        () -> new ByteArrayInputStream(bytes), DsnAction.FAILED, TWO_FAILURES, NOW);
    ParsedDsn parsed = ParsedDsn.parse(tooBig.bytes());
    assertThat(parsed.parts().get(2).getMimeType()).isEqualTo("text/rfc822-headers");
    assertThat(ParsedDsn.text(parsed.parts().get(0))).contains("larger than 50 octets");
  }

  @Test
  void refusesTheNullSenderAndAnEmptyReport() {
    assertThatThrownBy(() -> build(envelope(null, null, null), ORIGINAL, DsnAction.FAILED, TWO_FAILURES))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> build(envelope("alice@example.eu", null, null), ORIGINAL, DsnAction.FAILED, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DsnBuilder("bad host")).isInstanceOf(IllegalArgumentException.class);
  }

  /** Every line ends in CRLF (no bare CR or LF) and is at most 998 octets long. */
  private static void assertCanonical(byte[] bytes) {
    int lineLength = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\r') {
        assertThat(i + 1 < bytes.length && bytes[i + 1] == '\n').as("CR at %d is followed by LF", i).isTrue();
        lineLength = 0;
        i++;
      } else {
        assertThat(bytes[i]).as("bare LF at %d", i).isNotEqualTo((byte) '\n');
        assertThat(++lineLength).isLessThanOrEqualTo(998);
      }
    }
    assertThat(bytes).endsWith('\r', '\n');
  }
}
