package eu.sovereignmail.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.gateway.tls.ServerTls;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renewal seen through real handshakes against the SMTP listener's TLS: which certificate does a new client get? */
class CertificateReloaderTest {
  @TempDir Path dir;

  private Path chain;
  private Path key;
  private TestCertificates first;
  private TestCertificates second;
  private ServerSocket listener;
  private ServerTls tls;
  private Thread acceptor;

  @BeforeEach
  void writeFirstCertificate() throws Exception {
    chain = dir.resolve("live").resolve("fullchain.pem");
    key = dir.resolve("live").resolve("privkey.pem");
    first = TestCertificates.ec();
    second = TestCertificates.rsa();
    first.writePem(chain, key, TestCertificates.KeyFormat.PKCS8);
  }

  @AfterEach
  void stopListener() throws IOException {
    if (listener != null) {
      listener.close();
    }
    if (acceptor != null) {
      acceptor.interrupt();
    }
  }

  /** A loopback listener that layers the SMTP listener's TLS over each accepted socket, as STARTTLS does. */
  private void listen(SSLContext initial) throws IOException {
    tls = new ServerTls(initial);
    listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().start(() -> {
      while (!listener.isClosed()) {
        try (Socket plain = listener.accept(); SSLSocket secured = tls.handshake(plain)) {
          secured.getOutputStream().flush();
        } catch (IOException e) {
          // client closed or listener closed
        }
      }
    });
  }

  private BigInteger servedSerial() throws Exception {
    return TlsClient.handshake(listener.getLocalPort(), List.of("TLSv1.3", "TLSv1.2"), first.certificate(),
        second.certificate()).certificate().getSerialNumber();
  }

  @Test
  void aReplacedCertificateIsServedToNewConnections() throws Exception {
    try (CertificateReloader reloader = new CertificateReloader(new PemKeyMaterial(chain, key), Duration.ofHours(1))) {
      listen(reloader.start());
      reloader.addConsumer(tls::replace);
      assertThat(servedSerial()).isEqualTo(first.certificate().getSerialNumber());
      assertThat(reloader.checkNow()).as("nothing changed").isFalse();

      second.writePem(chain, key, TestCertificates.KeyFormat.TRADITIONAL);
      assertThat(reloader.checkNow()).isTrue();
      assertThat(servedSerial()).isEqualTo(second.certificate().getSerialNumber());
      assertThat(reloader.currentCredentials().leaf()).isEqualTo(second.certificate());
    }
  }

  @Test
  void aBrokenOrHalfWrittenRenewalKeepsTheOldCertificate() throws Exception {
    try (CertificateReloader reloader = new CertificateReloader(new PemKeyMaterial(chain, key), Duration.ofHours(1))) {
      listen(reloader.start());
      reloader.addConsumer(tls::replace);

      TestCertificates.replace(chain, TestCertificates.pem(second.certificate()));
      assertThat(reloader.checkNow()).as("new certificate, old key").isFalse();
      assertThat(servedSerial()).isEqualTo(first.certificate().getSerialNumber());

      TestCertificates.replace(key, "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n");
      assertThat(reloader.checkNow()).isFalse();
      assertThat(servedSerial()).isEqualTo(first.certificate().getSerialNumber());

      second.writePem(chain, key, TestCertificates.KeyFormat.PKCS8);
      assertThat(reloader.checkNow()).as("the renewal completed").isTrue();
      assertThat(servedSerial()).isEqualTo(second.certificate().getSerialNumber());
    }
  }

  @Test
  void pollsInTheBackgroundAndFeedsEveryConsumer() throws Exception {
    AtomicReference<SSLContext> other = new AtomicReference<>();
    try (CertificateReloader reloader =
        new CertificateReloader(new PemKeyMaterial(chain, key), Duration.ofMillis(50))) {
      listen(reloader.start());
      reloader.addConsumer(tls::replace);
      reloader.addConsumer(other::set);
      assertThat(other.get()).as("a consumer gets the current context at once").isSameAs(reloader.current());

      second.writePem(chain, key, TestCertificates.KeyFormat.PKCS8);
      await().atMost(Duration.ofSeconds(20)).until(() -> servedSerial().equals(second.certificate().getSerialNumber()));
      assertThat(other.get()).isSameAs(reloader.current());
    }
  }

  @Test
  void reloadsAPkcs12StoreToo() throws Exception {
    Path store = dir.resolve("gateway.p12");
    Pkcs12KeyMaterial material = SelfSignedCertificate.ensure(store, List.of("localhost"));
    try (CertificateReloader reloader = new CertificateReloader(material, Duration.ofHours(1))) {
      reloader.start();
      X509Certificate before = reloader.currentCredentials().leaf();
      java.nio.file.Files.delete(store);
      SelfSignedCertificate.ensure(store, List.of("localhost"));
      assertThat(reloader.checkNow()).isTrue();
      assertThat(reloader.currentCredentials().leaf().getSerialNumber()).isNotEqualTo(before.getSerialNumber());
    }
  }
}
