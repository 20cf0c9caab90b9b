package eu.sovereignmail.archive.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** What the index and {@code show} get from real, odd and broken messages. */
class MessageParserTest {
  private final MessageParser parser = new MessageParser(ParseLimits.defaults());

  @Test
  void readsHeadersBodiesAndAttachments() throws Exception {
    byte[] pdfLike = "%PDF-1.4 not really".getBytes(StandardCharsets.US_ASCII);
    String raw = """
        Message-ID: <abc-1@example.eu>
        Date: Tue, 12 May 2026 10:15:00 +0200
        From: =?UTF-8?Q?L=C3=A9a_Martin?= <lea@example.eu>
        To: Bob <bob@example.eu>, team: carol@example.org, dan@example.org;
        Cc: eve@example.net
        Subject: =?UTF-8?B?QnVkZ2V0IDIwMjUg4oCUIGRyYWZ0?=
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: multipart/alternative; boundary="b2"

        --b2
        Content-Type: text/plain; charset=utf-8

        The budget plan, café edition.
        --b2
        Content-Type: text/html; charset=utf-8

        <p>The <b>budget</b> plan</p><script>evil()</script>
        --b2--
        --b1
        Content-Type: text/plain; name="minutes.txt"
        Content-Disposition: attachment; filename="minutes.txt"

        Minutes of the council hearing.
        --b1
        Content-Type: application/pdf
        Content-Disposition: attachment; filename="=?UTF-8?Q?r=C3=A9sum=C3=A9.pdf?="
        Content-Transfer-Encoding: base64

        %s
        --b1--
        """.formatted(Base64.getEncoder().encodeToString(pdfLike)).replace("\n", "\r\n");

    ParsedMessage message = parser.parse(raw.getBytes(StandardCharsets.UTF_8));

    assertThat(message.messageId()).isEqualTo("<abc-1@example.eu>");
    assertThat(message.date()).isEqualTo(Instant.parse("2026-05-12T08:15:00Z"));
    assertThat(message.from()).containsExactly(new Mailbox("lea@example.eu", "Léa Martin"));
    assertThat(message.to()).extracting(Mailbox::address)
        .containsExactly("bob@example.eu", "carol@example.org", "dan@example.org");
    assertThat(message.cc()).extracting(Mailbox::address).containsExactly("eve@example.net");
    assertThat(message.subject()).isEqualTo("Budget 2025 — draft");
    assertThat(message.bodyText()).contains("The budget plan, café edition.", "The budget plan").doesNotContain("evil");
    assertThat(message.attachments()).extracting(MessagePart::fileName).containsExactly("minutes.txt", "résumé.pdf");
    MessagePart pdf = message.attachments().get(1);
    assertThat(pdf.mediaType()).isEqualTo("application/pdf");
    assertThat(pdf.size()).isEqualTo(pdfLike.length);
    assertThat(pdf.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdfLike)));
    assertThat(message.attachmentText()).contains("Minutes of the council hearing.");
    assertThat(message.hasAttachments()).isTrue();
    assertThat(message.parts()).hasSize(4);
    assertThat(message.headers()).extracting(HeaderField::name).startsWith("Message-ID", "Date", "From");
    assertThat(message.malformed()).isFalse();
  }

  @Test
  void aMessageWithoutHeadersOrStructureIsStillParsedAndFlagged() {
    ParsedMessage plain = parser.parse("just some text\r\nno headers at all\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(plain.bodyText()).contains("no headers at all");
    assertThat(plain.messageId()).isNull();

    ParsedMessage broken = parser.parse("""
        From: not an address at all <<<
        Date: the day after tomorrow
        Subject: broken
        Content-Type: multipart/mixed; boundary="never"

        text before a boundary that never comes
        """.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
    assertThat(broken.malformed()).isTrue();
    assertThat(broken.problems()).anySatisfy(p -> assertThat(p).contains("Date"));
    assertThat(broken.subject()).isEqualTo("broken");
    assertThat(broken.date()).isNull();
  }

  @Test
  void eightBitTextWithoutACharsetIsReadAsUtf8OrWindows1252() {
    byte[] utf8 = "Subject: x\r\n\r\nnaïve café\r\n".getBytes(StandardCharsets.UTF_8);
    assertThat(parser.parse(utf8).bodyText()).isEqualTo("naïve café");
    byte[] latin = "Subject: x\r\n\r\nna\u00efve caf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(parser.parse(latin).bodyText()).isEqualTo("naïve café");
  }

  @Test
  void everyMessageOfTheMime4jCorpusParsesWithoutAnException() throws Exception {
    Map<String, byte[]> corpus = MalformedMimeCorpus.messages();
    assertThat(corpus).hasSizeGreaterThan(70);
    int malformed = 0;
    for (Map.Entry<String, byte[]> entry : corpus.entrySet()) {
      ParsedMessage message = parser.parse(entry.getValue());
      assertThat(message).as(entry.getKey()).isNotNull();
      assertThat(message.parts()).as(entry.getKey()).isNotNull();
      if (message.malformed()) {
        malformed++;
      }
    }
    System.out.printf("mime4j corpus: %d messages parsed, %d flagged malformed%n", corpus.size(), malformed);
    assertThat(malformed).isPositive();
  }
}
