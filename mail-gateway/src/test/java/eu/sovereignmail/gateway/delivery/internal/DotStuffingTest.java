package eu.sovereignmail.gateway.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotStuffingTest {
  private static String stuff(String message) throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    DotStuffingOutputStream out = new DotStuffingOutputStream(wire);
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    out.finish();
    return wire.toString(StandardCharsets.UTF_8);
  }

  @Test
  void doublesLeadingDotsOnlyAtLineStarts() throws IOException {
    assertThat(stuff(".first\r\nmid.dle\r\n.\r\n..two\r\n")).isEqualTo("..first\r\nmid.dle\r\n..\r\n...two\r\n.\r\n");
  }

  @Test
  void endsAnUnterminatedLastLineBeforeTheTerminator() throws IOException {
    assertThat(stuff("Subject: x\r\n\r\nno newline")).isEqualTo("Subject: x\r\n\r\nno newline\r\n.\r\n");
    assertThat(stuff("")).isEqualTo(".\r\n");
  }

  @Test
  void canonicalisesBareLineBreaks() throws IOException {
    assertThat(stuff("a\nb\rc\r\n.d\n")).isEqualTo("a\r\nb\r\nc\r\n..d\r\n.\r\n");
    assertThat(stuff("ends in cr\r")).isEqualTo("ends in cr\r\n.\r\n");
    assertThat(stuff("a\r\r\nb")).isEqualTo("a\r\n\r\nb\r\n.\r\n");
  }

  @Test
  void byteAtATimeGivesTheSameWire() throws IOException {
    String message = ".a\r\n\r\n.\r\nb\nc";
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    DotStuffingOutputStream out = new DotStuffingOutputStream(wire);
    for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
      out.write(b);
    }
    out.finish();
    assertThat(wire.toString(StandardCharsets.UTF_8)).isEqualTo(stuff(message));
  }
}
