package eu.sovereignmail.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmtpReplyTest {
  @Test
  void rendersSingleAndMultiLineReplies() {
    assertThat(SmtpReply.STORAGE_FAILURE.render()).isEqualTo("452 4.3.1 Insufficient system storage, try again later\r\n");
    assertThat(SmtpReply.of(250, null, "mx.example.eu", "PIPELINING", "SIZE 52428800").render())
        .isEqualTo("250-mx.example.eu\r\n250-PIPELINING\r\n250 SIZE 52428800\r\n");
    assertThat(SmtpReply.of(354, null, "go").render()).isEqualTo("354 go\r\n");
    assertThat(SmtpReply.of(334, null, "").render()).isEqualTo("334 \r\n");
  }

  @Test
  void repeatsTheEnhancedCodeOnEveryLine() {
    assertThat(SmtpReply.of(550, "5.1.1", "No such user", "here").render())
        .isEqualTo("550-5.1.1 No such user\r\n550 5.1.1 here\r\n");
  }

  @Test
  void rejectsInconsistentReplies() {
    assertThatThrownBy(() -> SmtpReply.of(250, "5.0.0", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SmtpReply.of(99, null, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SmtpReply.of(250, null, "a\r\nb")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keepsCodeAndStatusWhenTheTextChanges() {
    SmtpReply reply = SmtpReply.INVALID_ARGUMENTS.withText("SIZE must be a number");
    assertThat(reply.code()).isEqualTo(501);
    assertThat(reply.enhanced()).isEqualTo("5.5.4");
    assertThat(reply.transientFailure()).isFalse();
    assertThat(SmtpReply.STORAGE_FAILURE.transientFailure()).isTrue();
  }
}
