package eu.sovereignmail.archive.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {
  @TempDir Path dir;

  @Test
  void createsAnOwnerOnlyKeyFileThatLoads() throws Exception {
    Path file = dir.resolve("archive.keys");
    String id = KeyRing.createKeyFile(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    KeyRing ring = KeyRing.fromFile(file);
    assertThat(ring.activeKeyId()).isEqualTo(id);
    assertThat(ring.activeKey().getEncoded()).hasSize(32);
    assertThatThrownBy(() -> KeyRing.createKeyFile(file)).isInstanceOf(FileAlreadyExistsException.class);
  }

  @Test
  void rotationAddsAnActiveKeyAndKeepsTheOldOnes() throws Exception {
    Path file = dir.resolve("archive.keys");
    String first = KeyRing.createKeyFile(file);
    byte[] firstKey = KeyRing.fromFile(file).activeKey().getEncoded();

    String second = KeyRing.rotateKeyFile(file);

    KeyRing ring = KeyRing.fromFile(file);
    assertThat(second).isNotEqualTo(first);
    assertThat(ring.activeKeyId()).isEqualTo(second);
    assertThat(ring.keyIds()).containsExactly(first, second);
    assertThat(ring.key(first).orElseThrow().getEncoded()).isEqualTo(firstKey);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void refusesAKeyFileOthersCanRead() throws Exception {
    Path file = dir.resolve("archive.keys");
    Files.writeString(file, TestKeys.text("k1"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> KeyRing.fromFile(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("rw-r--r--")
        .hasMessageContaining("chmod 600");
  }

  @Test
  void parsesTheCompactEnvironmentForm() {
    KeyRing ring = KeyRing.parse("key.a=" + TestKeys.freshKey() + ",key.b=" + TestKeys.freshKey() + ",active=b", "env");
    assertThat(ring.activeKeyId()).isEqualTo("b");
    assertThat(ring.keyIds()).containsExactly("a", "b");
  }

  @Test
  void errorsNameTheProblemButNeverTheKey() {
    String shortKey = "c2hvcnQ=";
    assertThatThrownBy(() -> KeyRing.parse("key.a=" + shortKey + "\nactive=a", "key file x"))
        .hasMessageContaining("key.a must be 32 bytes")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(() -> KeyRing.parse("key.a=" + TestKeys.freshKey() + "\nactive=z", "key file x"))
        .hasMessageContaining("active key id 'z'");
    assertThatThrownBy(() -> KeyRing.parse("active=a", "key file x")).hasMessageContaining("no key.<id>");
  }

  @Test
  void toStringShowsKeyIdsOnly() {
    String key = TestKeys.freshKey();
    KeyRing ring = KeyRing.parse("key.k1=" + key + "\nactive=k1", "test");
    assertThat(ring.toString()).contains("k1").doesNotContain(key);
  }
}
