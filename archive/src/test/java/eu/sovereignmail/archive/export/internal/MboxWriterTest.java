package eu.sovereignmail.archive.export.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MboxWriterTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void fromLinesAreQuotedTheMboxrdWay() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new MboxWriter(out).write("alice@example.eu", Instant.parse("2025-01-05T09:03:07Z"), bytes(
        "Subject: quoting\n\nFrom the start\n>From once quoted\n>>From twice\nFrom:not a separator\n From indented\nFrom "));

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
        From alice@example.eu Sun Jan  5 09:03:07 2025
        Subject: quoting

        >From the start
        >>From once quoted
        >>>From twice
        From:not a separator
         From indented
        >From\s

        """);
  }

  @Test
  void theSeparatorNamesMailerDaemonForANullOrOddSender() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MboxWriter writer = new MboxWriter(out);
    writer.write(null, Instant.parse("2025-11-20T23:59:59Z"), bytes("a\n"));
    writer.write("two words@example.eu", null, bytes("b\n"));
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
        "From MAILER-DAEMON Thu Nov 20 23:59:59 2025\na\n\nFrom MAILER-DAEMON Thu Jan  1 00:00:00 1970\nb\n\n");
  }

  @Test
  void messagesComeBackByteForByte() throws Exception {
    List<byte[]> messages = List.of(
        bytes("Subject: crlf\r\n\r\nFrom here\r\n>From there\r\n\r\nFrom after a blank line\r\n"),
        bytes("Subject: lf\n\nplain\n\n\nFrom \n"),
        bytes("Subject: 8bit\n\ncafé ünïcödé\n>>>>From deep\n"),
        bytes("Subject: empty body\n\n"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MboxWriter writer = new MboxWriter(out);
    for (byte[] message : messages) {
      writer.write("bob@example.eu", Instant.parse("2025-03-01T00:00:00Z"), message);
    }

    List<byte[]> read = MboxReader.read(out.toByteArray());

    assertThat(read).hasSize(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      assertThat(read.get(i)).as("message %d", i).isEqualTo(messages.get(i));
    }
  }
}
