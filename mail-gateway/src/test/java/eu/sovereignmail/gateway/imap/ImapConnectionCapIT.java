package eu.sovereignmail.gateway.imap;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.auth.Authenticator;
import eu.sovereignmail.gateway.imap.server.ImapLimits;
import eu.sovereignmail.gateway.imap.server.ImapListener;
import eu.sovereignmail.gateway.imap.server.ImapServer;
import eu.sovereignmail.gateway.imap.server.JamesImapBackend;
import eu.sovereignmail.gateway.imap.session.ImapSessionSettings;
import eu.sovereignmail.gateway.metrics.ImapMetrics;
import eu.sovereignmail.gateway.tls.SelfSignedCertificate;
import eu.sovereignmail.gateway.tls.ServerCredentials;
import eu.sovereignmail.gateway.tls.ServerTls;
import eu.sovereignmail.stack.process.Ports;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection cap's {@code * BYE} on each door, read the way a client of that door reads: inside TLS on the
 * implicit-TLS door (a TLS client cannot read plaintext sent before the handshake), in clear on the STARTTLS door.
 * No James and no identity are needed: nobody logs in.
 */
class ImapConnectionCapIT {
  @TempDir
  Path dir;

  private ImapServer server;
  private SSLContext trust;

  @BeforeEach
  void start() throws Exception {
    ServerCredentials credentials = SelfSignedCertificate.ensure(dir.resolve("imap.p12"), List.of("localhost")).read();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("gateway", credentials.leaf());
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    trust = SSLContext.getInstance("TLS");
    trust.init(null, factory.getTrustManagers(), null);

    ImapSessionSettings session = ImapSessionSettings.defaults("imap.cap.test", true);
    Authenticator nobody = (credentials1, ip) -> new Authenticator.Result.Rejected();
    server = new ImapServer(
        List.of(new ImapListener("127.0.0.1", 0, false, session),
            new ImapListener("127.0.0.1", 0, true, session.withStartTls(false))),
        new ImapLimits(Duration.ofMinutes(30), Duration.ofSeconds(20), 1, 1, 1),
        Optional.of(new ServerTls(credentials.sslContext())), nobody,
        new JamesImapBackend("127.0.0.1", Ports.freeLoopbackPort(), "admin", "unused", Duration.ofSeconds(1),
            Duration.ofSeconds(1)),
        new ImapMetrics(new SimpleMeterRegistry()));
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theImplicitTlsDoorSaysByeInsideTls() throws Exception {
    try (RawImapClient first = RawImapClient.tls(server.port(1), trust)) {
      assertThat(first.line()).startsWith("* OK [CAPABILITY ");
      try (RawImapClient refused = RawImapClient.tls(server.port(1), trust)) {
        assertThat(refused.line()).isEqualTo("* BYE Too many connections, try again later");
        assertThat(refused.closedByServer()).isTrue();
      }
      assertThat(first.command("n1", "NOOP")).isEqualTo("n1 OK NOOP completed");
    }
  }

  @Test
  void theStartTlsDoorSaysByeInClear() throws Exception {
    try (RawImapClient first = RawImapClient.plain(server.port(0), trust)) {
      assertThat(first.line()).startsWith("* OK [CAPABILITY ");
      try (RawImapClient refused = RawImapClient.plain(server.port(0), trust)) {
        assertThat(refused.line()).isEqualTo("* BYE Too many connections, try again later");
      }
    }
  }
}
