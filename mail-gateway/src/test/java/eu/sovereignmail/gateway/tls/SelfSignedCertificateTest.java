package eu.sovereignmail.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {
  @TempDir Path dir;

  @Test
  void createsAPrivateKeyStoreWithAServerCertificate() throws Exception {
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    Path store = dir.resolve("tls").resolve("gateway.p12");
    Pkcs12KeyMaterial material = SelfSignedCertificate.ensure(store, List.of("mail.example.eu", "localhost"),
        Clock.fixed(now, ZoneOffset.UTC));

    assertThat(material.passwordFile()).isEqualTo(dir.resolve("tls").resolve("gateway.p12.password"));
    for (Path file : material.files()) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
    X509Certificate certificate = material.read().leaf();
    assertThat(certificate.getVersion()).isEqualTo(3);
    assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=mail.example.eu");
    assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    assertThat(Duration.between(now, certificate.getNotAfter().toInstant())).isEqualTo(Duration.ofDays(825));
    assertThat(certificate.getSubjectAlternativeNames()).extracting(name -> name.get(1).toString())
        .containsExactlyInAnyOrder("mail.example.eu", "localhost", "127.0.0.1",
            InetAddress.getByName("::1").getHostAddress());
  }

  @Test
  void leavesAnExistingKeyStoreAlone() throws Exception {
    Path store = dir.resolve("gateway.p12");
    SelfSignedCertificate.ensure(store, List.of("localhost"));
    byte[] first = Files.readAllBytes(store);
    String password = Files.readString(dir.resolve("gateway.p12.password"));
    SelfSignedCertificate.ensure(store, List.of("other.example"));
    assertThat(Files.readAllBytes(store)).isEqualTo(first);
    assertThat(Files.readString(dir.resolve("gateway.p12.password"))).isEqualTo(password);
  }

  @Test
  void servesARealTlsHandshake() throws Exception {
    ServerCredentials credentials = SelfSignedCertificate.ensure(dir.resolve("gateway.p12"), List.of("localhost")).read();
    for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
      try (SSLServerSocket server = (SSLServerSocket) credentials.sslContext().getServerSocketFactory()
          .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        server.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
          try (SSLSocket socket = (SSLSocket) server.accept()) {
            socket.startHandshake();
            socket.getOutputStream().write('x');
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        TlsClient.Served served = TlsClient.handshake(server.getLocalPort(), List.of(protocol), credentials.leaf());
        assertThat(served.protocol()).isEqualTo(protocol);
        assertThat(served.certificate()).isEqualTo(credentials.leaf());
        accepted.join();
      }
    }
  }
}
