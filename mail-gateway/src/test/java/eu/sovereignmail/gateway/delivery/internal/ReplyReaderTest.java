package eu.sovereignmail.gateway.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.gateway.delivery.NextHopProtocolException;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyReaderTest {
  private static ReplyReader reader(String wire) {
    return new ReplyReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsSingleLineReplyWithEnhancedStatus() throws Exception {
    SmtpReply reply = reader("250 2.1.5 Recipient OK\r\n").read();
    assertThat(reply).isEqualTo(SmtpReply.of(250, "2.1.5", "Recipient OK"));
  }

  @Test
  void readsMultiLineReplyAndStripsRepeatedEnhancedStatus() throws Exception {
    SmtpReply reply = reader("452-4.2.2 Mailbox full\r\n452 4.2.2 try later\r\n").read();
    assertThat(reply.code()).isEqualTo(452);
    assertThat(reply.enhanced()).isEqualTo("4.2.2");
    assertThat(reply.lines()).containsExactly("Mailbox full", "try later");
    assertThat(reply.transientFailure()).isTrue();
  }

  @Test
  void readsLhloCapabilitiesAndConsecutiveReplies() throws Exception {
    ReplyReader reader = reader("250-james.local\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250 ENHANCEDSTATUSCODES\r\n550 5.1.1 Unknown\r\n");
    SmtpReply lhlo = reader.read();
    assertThat(lhlo.enhanced()).isNull();
    assertThat(ServerExtensions.parse(lhlo).keywords()).containsExactlyInAnyOrder("PIPELINING", "SIZE", "ENHANCEDSTATUSCODES");
    assertThat(reader.read()).isEqualTo(SmtpReply.of(550, "5.1.1", "Unknown"));
  }

  @Test
  void keepsTextWhenTheEnhancedStatusDoesNotFitTheCode() throws Exception {
    assertThat(reader("451 5.0.0 odd\r\n").read()).isEqualTo(new SmtpReply(451, null, List.of("5.0.0 odd")));
    assertThat(reader("354\r\n").read()).isEqualTo(new SmtpReply(354, null, List.of("")));
    assertThat(reader("221 bye\n").read().lines()).containsExactly("bye");
  }

  @Test
  void refusesWhatIsNotAReply() {
    assertThatThrownBy(() -> reader("hello\r\n").read()).isInstanceOf(NextHopProtocolException.class);
    assertThatThrownBy(() -> reader("250-a\r\n251 b\r\n").read()).isInstanceOf(NextHopProtocolException.class);
    assertThatThrownBy(() -> reader("250-a\r\n").read()).isInstanceOf(NextHopProtocolException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> reader("250x\r\n").read()).isInstanceOf(NextHopProtocolException.class);
    assertThatThrownBy(() -> reader("250 " + "a".repeat(ReplyReader.MAX_LINE) + "\r\n").read())
        .isInstanceOf(NextHopProtocolException.class);
  }
}
