package eu.sovereignmail.gateway.smtp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineDecoderTest {
  private static final String PIPELINE =
      "EHLO client.example\r\nMAIL FROM:<a@example.eu> SIZE=10\r\nRCPT TO:<b@example.eu>\r\nRCPT TO:<c@example.eu>\r\n";

  /** Feeds {@code chunks} one after another and collects every event but NEED_MORE. */
  static List<LineEvent> decode(CommandLineDecoder decoder, byte[]... chunks) {
    List<LineEvent> events = new ArrayList<>();
    for (byte[] chunk : chunks) {
      ByteBuffer in = ByteBuffer.wrap(chunk);
      while (true) {
        LineEvent event = decoder.next(in);
        if (event == LineEvent.NEED_MORE) {
          break;
        }
        events.add(event);
        if (event == LineEvent.BARE_LINE_BREAK) {
          return events;
        }
      }
    }
    return events;
  }

  private static List<LineEvent> lines(String... texts) {
    return java.util.Arrays.stream(texts).<LineEvent>map(LineEvent.Line::new).toList();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void pipelinedCommandsInOneBuffer() {
    assertThat(decode(new CommandLineDecoder(), ascii(PIPELINE)))
        .isEqualTo(lines("EHLO client.example", "MAIL FROM:<a@example.eu> SIZE=10", "RCPT TO:<b@example.eu>", "RCPT TO:<c@example.eu>"));
  }

  @Test
  void pipelinedCommandsSplitAtEveryByteBoundary() {
    byte[] all = ascii(PIPELINE);
    List<LineEvent> expected = decode(new CommandLineDecoder(), all);
    for (int cut = 0; cut <= all.length; cut++) {
      byte[] head = java.util.Arrays.copyOfRange(all, 0, cut);
      byte[] tail = java.util.Arrays.copyOfRange(all, cut, all.length);
      assertThat(decode(new CommandLineDecoder(), head, tail)).as("cut at %d", cut).isEqualTo(expected);
    }
    byte[][] single = new byte[all.length][];
    for (int i = 0; i < all.length; i++) {
      single[i] = new byte[] {all[i]};
    }
    assertThat(decode(new CommandLineDecoder(), single)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"NOOP\n", "NOOP\rX\r\n", "NO\nOP\r\n", "NOOP\r\r\n", "\n", "\r.\r"})
  void bareCrOrLfIsFatal(String input) {
    CommandLineDecoder decoder = new CommandLineDecoder();
    List<LineEvent> events = decode(decoder, ascii(input));
    assertThat(events).endsWith(LineEvent.BARE_LINE_BREAK);
    assertThat(decoder.next(ByteBuffer.wrap(ascii("NOOP\r\n")))).isEqualTo(LineEvent.BARE_LINE_BREAK);
  }

  @Test
  void commandLinesUpTo512OctetsIncludingCrlf() {
    String fits = "NOOP " + "x".repeat(512 - 2 - 5);
    String tooLong = fits + "y";
    assertThat(decode(new CommandLineDecoder(), ascii(fits + "\r\n"))).isEqualTo(lines(fits));
    assertThat(decode(new CommandLineDecoder(), ascii(tooLong + "\r\nNOOP\r\n")))
        .containsExactly(LineEvent.TOO_LONG, new LineEvent.Line("NOOP"));
  }

  @Test
  void anOverlongLineIsSkippedToItsCrlfEvenAcrossChunks() {
    CommandLineDecoder decoder = new CommandLineDecoder();
    assertThat(decode(decoder, ascii("MAIL " + "a".repeat(5000)), ascii("b".repeat(5000)), ascii("\r\nQUIT\r\n")))
        .containsExactly(LineEvent.TOO_LONG, new LineEvent.Line("QUIT"));
  }

  @Test
  void authLinesAndSaslResponsesMayBeLonger() {
    String token = "A".repeat(4000);
    CommandLineDecoder decoder = new CommandLineDecoder();
    assertThat(decode(decoder, ascii("auth XOAUTH2 " + token + "\r\n"))).isEqualTo(lines("auth XOAUTH2 " + token));
    decoder.expectSaslResponse();
    assertThat(decode(decoder, ascii(token + "\r\n"))).isEqualTo(lines(token));
    assertThat(decode(decoder, ascii(token + "\r\n"))).containsExactly(LineEvent.TOO_LONG);
    assertThat(decode(decoder, ascii("AUTH " + "B".repeat(12287) + "\r\n"))).containsExactly(LineEvent.TOO_LONG);
  }

  @Test
  void handsOverToDataModeWithoutSwallowingPipelinedBytes() {
    ByteBuffer in = ByteBuffer.wrap(ascii("DATA\r\nSubject: x\r\n\r\n..dot\r\n.\r\nQUIT\r\n"));
    CommandLineDecoder lines = new CommandLineDecoder();
    assertThat(lines.next(in)).isEqualTo(new LineEvent.Line("DATA"));
    assertThat(lines.hasPartialLine()).isFalse();
    DataDecoder data = new DataDecoder(1000);
    ByteBuffer out = ByteBuffer.allocate(100);
    assertThat(data.decode(in, out)).isEqualTo(BodyStatus.END);
    assertThat(new String(out.array(), 0, out.position(), StandardCharsets.UTF_8)).isEqualTo("Subject: x\r\n\r\n.dot\r\n");
    assertThat(lines.next(in)).isEqualTo(new LineEvent.Line("QUIT"));
  }

  @Test
  void handsOverToBdatModeWithExactCounts() {
    ByteBuffer in = ByteBuffer.wrap(ascii("BDAT 5\r\nab\r\ncBDAT 1 LAST\r\n.QUIT\r\n"));
    CommandLineDecoder lines = new CommandLineDecoder();
    ByteBuffer out = ByteBuffer.allocate(100);
    assertThat(lines.next(in)).isEqualTo(new LineEvent.Line("BDAT 5"));
    assertThat(new BdatChunkReader(5, 100).read(in, out)).isEqualTo(BodyStatus.END);
    assertThat(lines.next(in)).isEqualTo(new LineEvent.Line("BDAT 1 LAST"));
    assertThat(new BdatChunkReader(1, 95).read(in, out)).isEqualTo(BodyStatus.END);
    assertThat(lines.next(in)).isEqualTo(new LineEvent.Line("QUIT"));
    assertThat(new String(out.array(), 0, out.position(), StandardCharsets.UTF_8)).isEqualTo("ab\r\nc.");
  }
}
