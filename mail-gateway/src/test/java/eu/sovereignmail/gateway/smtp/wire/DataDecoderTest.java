package eu.sovereignmail.gateway.smtp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataDecoderTest {
  /** The outcome of decoding a whole input: status, message, bytes left after the end. */
  record Result(BodyStatus status, String message, int leftover, DataDecoder decoder) {}

  /** Decodes {@code input} split into chunks of {@code chunk} bytes through an output buffer of {@code outSize}. */
  static Result run(byte[] input, int chunk, int outSize, long maxSize) {
    DataDecoder decoder = new DataDecoder(maxSize);
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    ByteBuffer out = ByteBuffer.allocate(outSize);
    BodyStatus status;
    int offset = 0;
    while (true) {
      ByteBuffer in = ByteBuffer.wrap(input, offset, Math.min(chunk, input.length - offset));
      do {
        status = decoder.decode(in, out);
        message.write(out.array(), 0, out.position());
        out.clear();
      } while (status == BodyStatus.OUTPUT_FULL);
      offset = in.position();
      if (status != BodyStatus.NEED_INPUT || offset >= input.length) {
        return new Result(status, message.toString(StandardCharsets.ISO_8859_1), input.length - offset, decoder);
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      plain message           | Subject: hi\\r\\n\\r\\nbody\\r\\n.\\r\\n          | Subject: hi\\r\\n\\r\\nbody\\r\\n
      empty message           | .\\r\\n                                           | ''
      dot-stuffed lines       | ..\\r\\n...x\\r\\n.\\r\\n                         | .\\r\\n..x\\r\\n
      dot inside a line       | a.b\\r\\n .\\r\\n.\\r\\n                          | a.b\\r\\n .\\r\\n
      end needs the dot alone | .x\\r\\n.\\r\\n                                   | x\\r\\n
      pipelined after the end | a\\r\\n.\\r\\nQUIT\\r\\n                         | a\\r\\n
      """)
  void decodesMessagesTheSameWayAtEveryChunking(String name, String input, String expected) {
    byte[] raw = bytes(unescape(input));
    for (int chunk = 1; chunk <= raw.length; chunk++) {
      for (int outSize : new int[] {2, 3, 64}) {
        Result result = run(raw, chunk, outSize, 1 << 20);
        assertThat(result.status()).as("chunk %d out %d", chunk, outSize).isEqualTo(BodyStatus.END);
        assertThat(result.message()).as("chunk %d out %d", chunk, outSize).isEqualTo(unescape(expected));
      }
    }
  }

  @Test
  void leavesTheBytesAfterTheEndInTheBuffer() {
    ByteBuffer in = ByteBuffer.wrap(bytes("a\r\n.\r\nQUIT\r\n"));
    assertThat(new DataDecoder(100).decode(in, ByteBuffer.allocate(100))).isEqualTo(BodyStatus.END);
    assertThat(new String(in.array(), in.position(), in.remaining(), StandardCharsets.US_ASCII)).isEqualTo("QUIT\r\n");
  }

  /** SMTP smuggling (CVE-2023-51764 class): no bare CR or LF may end the data or hide inside it. */
  @ParameterizedTest
  @ValueSource(strings = {
      "a\\n.\\nMAIL FROM:<x@evil>\\r\\n.\\r\\n",
      "a\\r.\\rMAIL FROM:<x@evil>\\r\\n.\\r\\n",
      "a\\n.\\r\\nMAIL FROM:<x@evil>\\r\\n.\\r\\n",
      "a\\r\\n.\\nMAIL FROM:<x@evil>\\r\\n.\\r\\n",
      "a\\rb\\r\\n.\\r\\n",
      "a\\nb\\r\\n.\\r\\n",
      "\\n.\\r\\n",
      "a\\r\\n.\\r.\\r\\n",
      "a\\r\\r\\n.\\r\\n"})
  void bareLineBreaksAreRejectedNeverTreatedAsTheEnd(String input) {
    byte[] raw = bytes(unescape(input));
    for (int chunk = 1; chunk <= raw.length; chunk++) {
      assertThat(run(raw, chunk, 64, 1 << 20).status()).as("chunk %d", chunk).isEqualTo(BodyStatus.BARE_LINE_BREAK);
    }
  }

  @Test
  void textLinesUpTo1000OctetsIncludingCrlf() {
    String fits = "x".repeat(998);
    Result ok = run(bytes(fits + "\r\n.\r\n"), 4096, 4096, 1 << 20);
    assertThat(ok.decoder().lineTooLong()).isFalse();
    assertThat(ok.message()).isEqualTo(fits + "\r\n");
    Result stuffed = run(bytes("." + fits + "\r\n.\r\n"), 4096, 4096, 1 << 20);
    assertThat(stuffed.decoder().lineTooLong()).as("the stuffed dot counts: it is on the wire").isTrue();
    Result tooLong = run(bytes(fits + "y\r\nmore\r\n.\r\n"), 7, 64, 1 << 20);
    assertThat(tooLong.status()).as("reads on to the end so the session can answer in step").isEqualTo(BodyStatus.END);
    assertThat(tooLong.decoder().lineTooLong()).isTrue();
  }

  @Test
  void countsSizeAndStopsWritingPastTheLimitWithoutBuffering() {
    byte[] big = bytes(("y".repeat(98) + "\r\n").repeat(1000) + ".\r\n");
    Result result = run(big, 1000, 256, 10_000);
    assertThat(result.status()).isEqualTo(BodyStatus.END);
    assertThat(result.decoder().tooBig()).isTrue();
    assertThat(result.decoder().size()).isEqualTo(100_000);
    assertThat(result.message()).hasSize(10_000);
    Result exact = run(bytes("abc\r\n.\r\n"), 3, 256, 5);
    assertThat(exact.decoder().tooBig()).isFalse();
    assertThat(exact.message()).isEqualTo("abc\r\n");
  }

  static String unescape(String s) {
    return s.replace("\\r", "\r").replace("\\n", "\n");
  }

  @Test
  void bdatReadsExactCountsAndDropsBytesPastTheBudget() {
    ByteBuffer in = ByteBuffer.wrap(bytes("0123456789NEXT"));
    ByteBuffer out = ByteBuffer.allocate(4);
    BdatChunkReader reader = new BdatChunkReader(10, 100);
    StringBuilder got = new StringBuilder();
    BodyStatus status;
    while ((status = reader.read(in, out)) == BodyStatus.OUTPUT_FULL) {
      got.append(new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII));
      out.clear();
    }
    got.append(new String(out.array(), 0, out.position(), StandardCharsets.US_ASCII));
    assertThat(status).isEqualTo(BodyStatus.END);
    assertThat(got).hasToString("0123456789");
    assertThat(Arrays.copyOfRange(in.array(), in.position(), in.limit())).isEqualTo(bytes("NEXT"));

    BdatChunkReader tooBig = new BdatChunkReader(10, 3);
    ByteBuffer in2 = ByteBuffer.wrap(bytes("0123456789"));
    assertThat(tooBig.read(in2, ByteBuffer.allocate(100))).isEqualTo(BodyStatus.END);
    assertThat(tooBig.tooBig()).isTrue();
    assertThat(in2.hasRemaining()).isFalse();

    BdatChunkReader partial = new BdatChunkReader(10, 100);
    assertThat(partial.read(ByteBuffer.wrap(bytes("0123")), ByteBuffer.allocate(100))).isEqualTo(BodyStatus.NEED_INPUT);
    assertThat(partial.remaining()).isEqualTo(6);
  }
}
