package eu.sovereignmail.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.gateway.http.admin.AdminToken;
import eu.sovereignmail.gateway.http.admin.AdminTokenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {
  @TempDir Path dir;

  @Test
  void createsAnOwnerOnly32ByteTokenOnceAndReadsItBack() throws Exception {
    Path file = dir.resolve("data").resolve(AdminTokenFile.FILE_NAME);

    AdminToken created = AdminTokenFile.loadOrCreate(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Base64.getUrlDecoder().decode(created.value())).hasSize(32);
    assertThat(Files.readString(file)).isEqualTo(created.value() + "\n");
    assertThat(AdminTokenFile.loadOrCreate(file).value()).isEqualTo(created.value());
    assertThat(AdminTokenFile.read(file).matches(created.value())).isTrue();
    assertThat(created.toString()).doesNotContain(created.value());
  }

  @Test
  void matchesOnlyTheExactToken() {
    AdminToken token = new AdminToken("abc-DEF_123");

    assertThat(token.matches("abc-DEF_123")).isTrue();
    assertThat(token.matches("abc-DEF_12")).isFalse();
    assertThat(token.matches("abc-DEF_1234")).isFalse();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches(null)).isFalse();
  }

  @Test
  void anEmptyFileIsAnError() throws Exception {
    Path file = Files.writeString(dir.resolve("admin.token"), "\n");

    assertThatThrownBy(() -> AdminTokenFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("empty");
  }
}
