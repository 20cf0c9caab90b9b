package eu.sovereignmail.archive.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CanonicalAuditEntryTest {
  private static final Instant AT = Instant.parse("2026-05-12T08:30:00.123456789Z");
  private static final CanonicalAuditEntry ENTRY = new CanonicalAuditEntry(1, 7, AT, "lea", List.of("legal", "default"),
      "192.0.2.10", "archive.search", "archive", "query=\"budget\" total=2", CanonicalAuditEntry.GENESIS_HASH);

  @Test
  void encodesVersionOneAsDocumented() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeBytes("SMAE");
    out.writeInt(1);
    out.writeLong(7);
    out.writeLong(AT.getEpochSecond());
    out.writeInt(123_456_000);
    string(out, "lea");
    out.writeInt(2);
    string(out, "default");
    string(out, "legal");
    string(out, "192.0.2.10");
    string(out, "archive.search");
    string(out, "archive");
    string(out, "query=\"budget\" total=2");
    string(out, "0".repeat(64));

    assertThat(ENTRY.encode()).isEqualTo(bytes.toByteArray());
    assertThat(ENTRY.hash()).isEqualTo(HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray())));
  }

  @Test
  void pinsVersionOneHash() {
    // Changing the encoding silently would make every stored audit entry fail verify: bump the version instead.
    assertThat(ENTRY.hash()).isEqualTo("3702ec2dd8b2d6584314a18d7e592864ca6ca30b9230fc077b95d763c30f152e");
  }

  @Test
  void keepsMicrosecondsAndSortsRoles() {
    CanonicalAuditEntry same = new CanonicalAuditEntry(1, 7, Instant.parse("2026-05-12T08:30:00.123456Z"), "lea",
        List.of("default", "legal"), "192.0.2.10", "archive.search", "archive", "query=\"budget\" total=2",
        CanonicalAuditEntry.GENESIS_HASH);
    assertThat(same.hash()).isEqualTo(ENTRY.hash()).matches("[0-9a-f]{64}");
    assertThat(same.roles()).containsExactly("default", "legal");
    assertThat(ENTRY.entry().at()).isEqualTo(Instant.parse("2026-05-12T08:30:00.123456Z"));
    assertThat(ENTRY.entry().hash()).isEqualTo(ENTRY.hash());
  }

  @Test
  void everyFieldChangesTheHash() {
    List<UnaryOperator<CanonicalAuditEntry>> changes = List.of(
        e -> new CanonicalAuditEntry(1, 8, e.at(), e.actor(), e.roles(), e.origin(), e.action(), e.target(), e.detail(), e.prevHash()),
        e -> new CanonicalAuditEntry(1, e.seq(), e.at().plusNanos(1_000), e.actor(), e.roles(), e.origin(), e.action(), e.target(), e.detail(), e.prevHash()),
        e -> new CanonicalAuditEntry(1, e.seq(), e.at(), "mara", e.roles(), e.origin(), e.action(), e.target(), e.detail(), e.prevHash()),
        e -> new CanonicalAuditEntry(1, e.seq(), e.at(), e.actor(), List.of("legal"), e.origin(), e.action(), e.target(), e.detail(), e.prevHash()),
        e -> new CanonicalAuditEntry(1, e.seq(), e.at(), e.actor(), List.of("legal", "legal-admin"), e.origin(), e.action(), e.target(), e.detail(), e.prevHash()),
        e -> new CanonicalAuditEntry(1, e.seq(), e.at(), e.actor(), e.roles(), "cli", e.action(), e.target(), e.detail(), e.prevHash()),
        e -> new CanonicalAuditEntry(1, e.seq(), e.at(), e.actor(), e.roles(), e.origin(), "archive.view", e.target(), e.detail(), e.prevHash()),
        e -> new CanonicalAuditEntry(1, e.seq(), e.at(), e.actor(), e.roles(), e.origin(), e.action(), "case:1", e.detail(), e.prevHash()),
        e -> new CanonicalAuditEntry(1, e.seq(), e.at(), e.actor(), e.roles(), e.origin(), e.action(), e.target(), "query=\"budget\" total=3", e.prevHash()),
        e -> new CanonicalAuditEntry(1, e.seq(), e.at(), e.actor(), e.roles(), e.origin(), e.action(), e.target(), e.detail(), "1".repeat(64)));
    for (UnaryOperator<CanonicalAuditEntry> change : changes) {
      assertThat(change.apply(ENTRY).hash()).isNotEqualTo(ENTRY.hash());
    }
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    CanonicalAuditEntry ab = new CanonicalAuditEntry(1, 1, AT, "a", List.of(), "o", "x.y", "bc", "", CanonicalAuditEntry.GENESIS_HASH);
    CanonicalAuditEntry abc = new CanonicalAuditEntry(1, 1, AT, "a", List.of(), "o", "x.y", "b", "c", CanonicalAuditEntry.GENESIS_HASH);
    assertThat(ab.hash()).isNotEqualTo(abc.hash());
    CanonicalAuditEntry oneRole = new CanonicalAuditEntry(1, 1, AT, "a", List.of("ab"), "o", "x.y", "", "", CanonicalAuditEntry.GENESIS_HASH);
    CanonicalAuditEntry twoRoles = new CanonicalAuditEntry(1, 1, AT, "a", List.of("a", "b"), "o", "x.y", "", "", CanonicalAuditEntry.GENESIS_HASH);
    assertThat(oneRole.hash()).isNotEqualTo(twoRoles.hash());
  }

  @Test
  void unknownVersionsAreRefused() {
    CanonicalAuditEntry future = new CanonicalAuditEntry(2, 7, AT, "lea", List.of(), "local", "case.create", "", "",
        CanonicalAuditEntry.GENESIS_HASH);
    assertThatThrownBy(future::hash).hasMessageContaining("unknown audit entry hash version 2");
  }

  private static void string(DataOutputStream out, String value) throws Exception {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }
}
