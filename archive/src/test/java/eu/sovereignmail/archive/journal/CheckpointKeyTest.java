package eu.sovereignmail.archive.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointKeyTest {
  @TempDir Path dir;

  @Test
  void createsAnOwnerOnlyKeyAtFirstUseAndLoadsTheSameKeyAfter() throws Exception {
    Path file = dir.resolve("keys").resolve("checkpoint.key");
    CheckpointKey created = CheckpointKey.loadOrCreate(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    CheckpointKey loaded = CheckpointKey.loadOrCreate(file);
    assertThat(loaded.keyId()).isEqualTo(created.keyId()).hasSize(16);
    assertThat(loaded.publicKey()).isEqualTo(created.publicKey());
    assertThat(loaded.toString()).doesNotContain(Files.readString(file).lines()
        .filter(l -> l.startsWith("private=")).findFirst().orElseThrow().substring(8));
  }

  @Test
  void refusesAKeyFileOthersCanRead() throws Exception {
    Path file = dir.resolve("checkpoint.key");
    CheckpointKey.loadOrCreate(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> CheckpointKey.fromFile(file)).hasMessageContaining("chmod 600");
  }

  @Test
  void anExportedPublicKeyVerifiesWhatTheKeyFileSignedAndNothingElse() throws Exception {
    CheckpointKey key = CheckpointKey.loadOrCreate(dir.resolve("checkpoint.key"));
    byte[] payload = Checkpoint.signedBytes(42, "ab".repeat(32), Instant.parse("2026-05-12T08:00:00.123456Z"), key.keyId());
    byte[] signature = key.sign(payload);

    String pem = key.publicKeyPem();
    assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
    CheckpointKey auditor = CheckpointKey.fromPublicKeyPem(pem);

    assertThat(auditor.keyId()).isEqualTo(key.keyId());
    assertThat(auditor.canSign()).isFalse();
    assertThat(auditor.verify(payload, signature)).isTrue();
    byte[] otherPayload = Checkpoint.signedBytes(42, "cd".repeat(32), Instant.parse("2026-05-12T08:00:00.123456Z"), key.keyId());
    assertThat(auditor.verify(otherPayload, signature)).isFalse();
    assertThat(auditor.verify(payload, "not a signature".getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThatThrownBy(() -> auditor.sign(payload)).hasMessageContaining("public key only");
  }

  @Test
  void aKeyFromAnotherFileIsAnotherKey() throws Exception {
    CheckpointKey one = CheckpointKey.loadOrCreate(dir.resolve("one.key"));
    CheckpointKey two = CheckpointKey.loadOrCreate(dir.resolve("two.key"));
    byte[] payload = "x".getBytes(StandardCharsets.US_ASCII);
    assertThat(one.keyId()).isNotEqualTo(two.keyId());
    assertThat(two.verify(payload, one.sign(payload))).isFalse();
  }

  @Test
  void checkpointPolicyRejectsNonsense() {
    assertThatThrownBy(() -> new CheckpointPolicy(-1, java.time.Duration.ZERO)).hasMessageContaining("every-entries");
    assertThatThrownBy(() -> new CheckpointPolicy(1, java.time.Duration.ofMillis(10))).hasMessageContaining("interval");
  }
}
