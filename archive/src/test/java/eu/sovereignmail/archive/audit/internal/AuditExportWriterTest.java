package eu.sovereignmail.archive.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.archive.audit.AuditEntry;
import eu.sovereignmail.archive.audit.AuditFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditExportWriterTest {
  private static final AuditEntry ENTRY = new AuditEntry(3, Instant.parse("2026-01-02T03:04:05.000006Z"), "lea",
      List.of("legal", "offline_access"), "192.0.2.7", "archive.search", "archive",
      "query=\"budget, \\\"final\\\"\"\nnext </script>", "a".repeat(64), "b".repeat(64));

  @Test
  void csvHasAHeaderQuotesWhatNeedsItAndDefusesFormulas() throws Exception {
    String csv = write(AuditFormat.CSV, ENTRY);
    assertThat(csv).startsWith("seq,at,actor,roles,origin,action,target,detail,prev_hash,hash\r\n");
    assertThat(csv).contains("3,2026-01-02T03:04:05.000006Z,lea,legal offline_access,192.0.2.7,archive.search,archive,"
        + "\"query=\"\"budget, \\\"\"final\\\"\"\"\"\nnext </script>\"," + "a".repeat(64) + "," + "b".repeat(64) + "\r\n");
    assertThat(AuditExportWriter.csvCell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(AuditExportWriter.csvCell("+1")).isEqualTo("'+1");
    assertThat(AuditExportWriter.csvCell("-draft")).isEqualTo("'-draft");
    assertThat(AuditExportWriter.csvCell("@SUM")).isEqualTo("'@SUM");
    assertThat(AuditExportWriter.csvCell("plain")).isEqualTo("plain");
  }

  @Test
  void jsonKeepsValuesExactlyAndEscapesControlCharacters() throws Exception {
    String json = write(AuditFormat.JSON, ENTRY, ENTRY);
    assertThat(json).startsWith("[\n{\"seq\":3,\"at\":\"2026-01-02T03:04:05.000006Z\",\"actor\":\"lea\","
        + "\"roles\":[\"legal\",\"offline_access\"],\"origin\":\"192.0.2.7\",\"action\":\"archive.search\","
        + "\"target\":\"archive\",\"detail\":\"query=\\\"budget, \\\\\\\"final\\\\\\\"\\\"\\nnext \\u003c/script>\","
        + "\"prevHash\":\"" + "a".repeat(64) + "\",\"hash\":\"" + "b".repeat(64) + "\"},\n{");
    assertThat(json).endsWith("}\n]\n");
    assertThat(AuditExportWriter.jsonString("\u0001\u2028")).isEqualTo("\"\\u0001\\u2028\"");
    assertThat(write(AuditFormat.JSON)).isEqualTo("[]\n");
  }

  private static String write(AuditFormat format, AuditEntry... entries) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AuditExportWriter writer = new AuditExportWriter(format, out)) {
      for (AuditEntry entry : entries) {
        writer.write(entry);
      }
      assertThat(writer.written()).isEqualTo(entries.length);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
