package eu.sovereignmail.archive.export.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestWriterTest {
  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "b".repeat(64);
  private static final String HASH = "c".repeat(64);

  @Test
  void csvAndJsonListEveryMessageWithHardValuesQuotedAndEscaped() throws Exception {
    StringWriter csv = new StringWriter();
    StringWriter json = new StringWriter();
    try (ManifestWriter manifest = new ManifestWriter(csv, json, 12, 3, "ZIP", Instant.parse("2026-01-02T03:04:05Z"),
        "lea", "0123456789abcdef")) {
      manifest.add(new ManifestEntry(41, "messages/41.eml", SHA_A, 1234, "<a,b@example.eu>",
          Instant.parse("2025-01-10T08:00:00Z"), "alice@example.eu", List.of("bob@example.eu", "lea@example.eu"), HASH));
      manifest.add(new ManifestEntry(42, "messages/42.eml", SHA_B, 5, "<\"quoted\"\\back\nline\u0001@x>", null, null,
          List.of(), HASH));
      manifest.missing(43);
    }

    assertThat(csv.toString()).isEqualTo(ManifestWriter.CSV_HEADER + "\r\n"
        + "41,messages/41.eml," + SHA_A + ",1234,\"<a,b@example.eu>\",2025-01-10T08:00:00Z,alice@example.eu,"
        + "bob@example.eu lea@example.eu," + HASH + "\r\n"
        + "42,messages/42.eml," + SHA_B + ",5,\"<\"\"quoted\"\"\\back\nline\u0001@x>\",,,," + HASH + "\r\n");

    JsonNode root = new ObjectMapper().readTree(json.toString());
    assertThat(root.get("export").asLong()).isEqualTo(12);
    assertThat(root.get("case").asLong()).isEqualTo(3);
    assertThat(root.get("requestedBy").asText()).isEqualTo("lea");
    assertThat(root.get("signature").get("keyId").asText()).isEqualTo("0123456789abcdef");
    assertThat(root.get("count").asInt()).isEqualTo(2);
    assertThat(root.get("missing").get(0).asLong()).isEqualTo(43);
    JsonNode first = root.get("messages").get(0);
    assertThat(first.get("archiveId").asLong()).isEqualTo(41);
    assertThat(first.get("sha256").asText()).isEqualTo(SHA_A);
    assertThat(first.get("size").asLong()).isEqualTo(1234);
    assertThat(first.get("date").asText()).isEqualTo("2025-01-10T08:00:00Z");
    assertThat(first.get("recipients").get(1).asText()).isEqualTo("lea@example.eu");
    assertThat(first.get("journalEntryHash").asText()).isEqualTo(HASH);
    JsonNode second = root.get("messages").get(1);
    assertThat(second.get("messageId").asText()).isEqualTo("<\"quoted\"\\back\nline\u0001@x>");
    assertThat(second.get("date").isNull()).isTrue();
    assertThat(second.get("from").isNull()).isTrue();
    assertThat(second.get("recipients")).isEmpty();
  }

  @Test
  void anEmptyManifestIsValidJson() throws Exception {
    StringWriter csv = new StringWriter();
    StringWriter json = new StringWriter();
    new ManifestWriter(csv, json, 1, 1, "MBOX", Instant.EPOCH, "mara", "k").close();
    JsonNode root = new ObjectMapper().readTree(json.toString());
    assertThat(root.get("messages")).isEmpty();
    assertThat(root.get("count").asInt()).isZero();
    assertThat(csv.toString()).isEqualTo(ManifestWriter.CSV_HEADER + "\r\n");
  }
}
