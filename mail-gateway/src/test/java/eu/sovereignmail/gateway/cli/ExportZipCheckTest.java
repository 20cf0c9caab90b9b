package eu.sovereignmail.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.archive.journal.CheckpointKey;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export ZIP check on ZIPs built here the way the archive builds them, intact and altered in each way. */
class ExportZipCheckTest {
  @TempDir Path dir;
  private CheckpointKey key;
  private final Map<String, byte[]> messages = new LinkedHashMap<>();

  @BeforeEach
  void key() throws Exception {
    key = CheckpointKey.loadOrCreate(dir.resolve("checkpoint.key"));
    messages.put("messages/1.eml", "Subject: one\r\n\r\nfirst\r\n".getBytes(StandardCharsets.US_ASCII));
    messages.put("messages/2.eml", "Subject: two\r\n\r\nsecond\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void anIntactExportIsOkWithThePublishedKeyAndWithTheEnclosedOne() throws Exception {
    Path zip = zip(manifest(messages), Map.of());
    ExportZipCheck.Result published = ExportZipCheck.check(zip, publicOnly(key));
    assertThat(published.ok()).as(published.lines().toString()).isTrue();
    assertThat(published.messagesOk()).isEqualTo(2);
    assertThat(published.lines()).anyMatch(line -> line.startsWith("Signature: OK") && line.contains(key.keyId())
        && line.contains("the public key given"));
    assertThat(published.lines()).contains("Messages: 2 of 2 present with the SHA-256 and size the signed manifest lists.");

    ExportZipCheck.Result enclosed = ExportZipCheck.check(zip, null);
    assertThat(enclosed.ok()).isTrue();
    assertThat(enclosed.lines()).anyMatch(line -> line.contains("the key enclosed in the ZIP"));
  }

  @Test
  void anAlteredMessageIsNamed() throws Exception {
    byte[] manifest = manifest(messages);
    messages.put("messages/2.eml", "Subject: two\r\n\r\nsecond, edited\r\n".getBytes(StandardCharsets.US_ASCII));
    ExportZipCheck.Result result = ExportZipCheck.check(zip(manifest, Map.of()), publicOnly(key));
    assertThat(result.ok()).isFalse();
    assertThat(result.messagesOk()).isEqualTo(1);
    assertThat(result.problems()).singleElement().asString().startsWith("FAILED messages/2.eml: SHA-256 ");
  }

  @Test
  void anAlteredManifestAnotherKeyAMissingOrAnExtraFileFail() throws Exception {
    byte[] manifest = manifest(messages);
    byte[] signature = key.sign(manifest);
    byte[] edited = new String(manifest, StandardCharsets.UTF_8).replace("\"lea\"", "\"tom\"").getBytes(StandardCharsets.UTF_8);
    assertThat(ExportZipCheck.check(zip(edited, Map.of("manifest.json.sig", signature)), publicOnly(key)).problems())
        .singleElement().asString().contains("FAILED signature", "altered");

    CheckpointKey other = CheckpointKey.loadOrCreate(dir.resolve("other.key"));
    assertThat(ExportZipCheck.check(zip(manifest, Map.of()), publicOnly(other)).problems())
        .singleElement().asString().contains("FAILED signature", "the manifest names key " + key.keyId());

    Map<String, byte[]> extra = Map.of("messages/99.eml", "Subject: planted\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(ExportZipCheck.check(zip(manifest, extra), publicOnly(key)).problems())
        .singleElement().asString().contains("messages/99.eml", "not listed");

    messages.remove("messages/1.eml");
    assertThat(ExportZipCheck.check(zip(manifest, Map.of()), publicOnly(key)).problems())
        .singleElement().asString().contains("messages/1.eml", "not in the ZIP");
  }

  @Test
  void somethingThatIsNotAZipFailsClearly() throws Exception {
    Path notZip = Files.writeString(dir.resolve("export.zip"), "not a zip");
    ExportZipCheck.Result result = ExportZipCheck.check(notZip, null);
    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).singleElement().asString().contains("not a readable ZIP");
  }

  private static CheckpointKey publicOnly(CheckpointKey key) {
    return CheckpointKey.fromPublicKeyPem(key.publicKeyPem());
  }

  /** A manifest.json shaped like the archive's (only the fields the check reads, plus a few). */
  private byte[] manifest(Map<String, byte[]> messages) throws Exception {
    StringBuilder json = new StringBuilder("{\n  \"export\": 5,\n  \"case\": 3,\n  \"format\": \"ZIP\",\n"
        + "  \"requestedBy\": \"lea\",\n  \"signature\": {\"algorithm\": \"Ed25519\", \"keyId\": \"" + key.keyId()
        + "\"},\n  \"messages\": [");
    int id = 0;
    for (Map.Entry<String, byte[]> message : messages.entrySet()) {
      json.append(id == 0 ? "\n" : ",\n").append("    {\"archiveId\": ").append(++id).append(", \"file\": \"")
          .append(message.getKey()).append("\", \"sha256\": \"")
          .append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message.getValue())))
          .append("\", \"size\": ").append(message.getValue().length).append('}');
    }
    return json.append("\n  ],\n  \"count\": ").append(id).append("\n}\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private Path zip(byte[] manifest, Map<String, byte[]> overrides) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>(messages);
    files.put("manifest.csv", "archive_id,file,sha256\r\n".getBytes(StandardCharsets.US_ASCII));
    files.put("manifest.json", manifest);
    files.put("manifest.json.sig", key.sign(manifest));
    files.put("signing-key.pem", key.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
    files.putAll(overrides);
    Path zip = Files.createTempFile(dir, "export-", ".zip");
    try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
      for (Map.Entry<String, byte[]> entry : files.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return zip;
  }
}
