package eu.sovereignmail.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemKeyMaterialTest {
  @TempDir Path dir;

  private Path chain;
  private Path key;

  @BeforeEach
  void paths() {
    chain = dir.resolve("fullchain.pem");
    key = dir.resolve("privkey.pem");
  }

  private PemKeyMaterial material() {
    return new PemKeyMaterial(chain, key);
  }

  @Test
  void readsPkcs8AndTraditionalKeysOfBothKinds() throws Exception {
    for (TestCertificates certificates : new TestCertificates[] {TestCertificates.ec(), TestCertificates.rsa()}) {
      for (TestCertificates.KeyFormat format : TestCertificates.KeyFormat.values()) {
        certificates.writePem(chain, key, format);
        ServerCredentials credentials = material().read();
        assertThat(credentials.leaf()).as("%s %s", certificates.keys().getPublic().getAlgorithm(), format)
            .isEqualTo(certificates.certificate());
        assertThat(credentials.sslContext().getProtocol()).isEqualTo("TLS");
      }
    }
    assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
  }

  @Test
  void readsTheWholeChainLeafFirst() throws Exception {
    TestCertificates leaf = TestCertificates.ec();
    TestCertificates other = TestCertificates.ec();
    leaf.writePem(chain, key, TestCertificates.KeyFormat.PKCS8);
    Files.writeString(chain, TestCertificates.pem(other.certificate()),
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(material().read().chain()).containsExactly(leaf.certificate(), other.certificate());
  }

  @Test
  void refusesAKeyOfAnotherCertificate() throws Exception {
    TestCertificates first = TestCertificates.ec();
    first.writePem(chain, key, TestCertificates.KeyFormat.PKCS8);
    TestCertificates.replace(chain, TestCertificates.pem(TestCertificates.ec().certificate()));
    assertThatThrownBy(() -> material().read()).isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void refusesFilesWithoutCertificateOrKey() throws Exception {
    TestCertificates.ec().writePem(chain, key, TestCertificates.KeyFormat.PKCS8);
    TestCertificates.replace(key, "not a key\n");
    assertThatThrownBy(() -> material().read()).isInstanceOf(IOException.class).hasMessageContaining("no PEM private key");
    TestCertificates.replace(chain, "");
    assertThatThrownBy(() -> material().read()).isInstanceOf(IOException.class);
  }
}
