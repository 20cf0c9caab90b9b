package eu.sovereignmail.gateway.imap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.gateway.imap.session.ImapSessionSettings;
import org.junit.jupiter.api.Test;

/** Logins without TLS only on a door bound to loopback. */
class ImapListenerTest {
  private final ImapSessionSettings session = ImapSessionSettings.defaults("mail.example.eu", true);

  @Test
  void thePlaintextDoorIsForLoopbackOnly() {
    ImapListener plain = ImapListener.plaintext("127.0.0.1", 0, session);
    assertThat(plain.plaintextLogin()).isTrue();
    assertThat(plain.implicitTls()).isFalse();
    assertThat(plain.session().offerStartTls()).isFalse();
    assertThat(ImapListener.plaintext("::1", 0, session).plaintextLogin()).isTrue();
    assertThat(ImapListener.plaintext("localhost", 0, session).plaintextLogin()).isTrue();

    assertThatThrownBy(() -> ImapListener.plaintext("0.0.0.0", 143, session))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    assertThatThrownBy(() -> ImapListener.plaintext("192.0.2.1", 143, session))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ImapListener("127.0.0.1", 993, true, session.withPlaintextLogin()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOtherDoorsKeepLoginsBehindTls() {
    assertThat(new ImapListener("0.0.0.0", 143, false, session).plaintextLogin()).isFalse();
    assertThat(new ImapListener("0.0.0.0", 993, true, session.withStartTls(false)).plaintextLogin()).isFalse();
  }
}
