package eu.sovereignmail.archive.journal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageIdHeaderTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void findsTheHeaderInAnyCaseAndUnfoldsIt() {
    assertThat(MessageIdHeader.find(bytes("From: a\r\nmessage-ID:  <x1@example.eu> \r\n\r\nbody")))
        .contains("<x1@example.eu>");
    assertThat(MessageIdHeader.find(bytes("Message-Id:\r\n <folded@example.eu>\r\nSubject: s\r\n\r\n")))
        .contains("<folded@example.eu>");
    assertThat(MessageIdHeader.find(bytes("Message-ID: <lf@example.eu>\n\nbody"))).contains("<lf@example.eu>");
  }

  @Test
  void ignoresTheBodyAndMissingHeaders() {
    assertThat(MessageIdHeader.find(bytes("From: a\r\n\r\nMessage-ID: <in-body@example.eu>\r\n"))).isEmpty();
    assertThat(MessageIdHeader.find(bytes(""))).isEmpty();
    assertThat(MessageIdHeader.find(bytes("Message-ID:\r\n\r\n"))).isEmpty();
  }
}
