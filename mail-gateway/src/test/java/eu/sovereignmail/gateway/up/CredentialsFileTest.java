package eu.sovereignmail.gateway.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {
  @TempDir Path dir;

  @Test
  void generatesOnceKeepsAcrossReopenAndIsOwnerOnly() throws Exception {
    Path path = dir.resolve("data").resolve("demo-credentials.properties");
    CredentialsFile first = CredentialsFile.open(path);
    String password = first.secret("alice.password");
    first.getOrCreate("alice.email", () -> "alice@example.eu");
    first.save("demo logins");

    CredentialsFile second = CredentialsFile.open(path);
    assertThat(second.secret("alice.password")).isEqualTo(password);
    assertThat(second.getOrCreate("alice.email", () -> "other")).isEqualTo("alice@example.eu");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
  }

  @Test
  void randomPasswordsAreLongAndDistinct() {
    String a = CredentialsFile.randomPassword();
    String b = CredentialsFile.randomPassword();
    assertThat(a).hasSize(24).matches("[A-Za-z0-9_-]+").isNotEqualTo(b);
  }

  @Test
  void rewritingKeepsPermissionsAndValues() throws Exception {
    Path path = dir.resolve("secrets.properties");
    CredentialsFile file = CredentialsFile.open(path);
    file.getOrCreate("odd=key", () -> "value with = and : and \\ inside");
    file.save(null);
    file.secret("another");
    file.save(null);
    assertThat(CredentialsFile.open(path).asMap())
        .containsEntry("odd=key", "value with = and : and \\ inside")
        .containsKey("another");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
  }
}
