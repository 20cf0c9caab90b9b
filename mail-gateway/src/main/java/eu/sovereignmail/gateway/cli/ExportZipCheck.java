package eu.sovereignmail.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import eu.sovereignmail.archive.journal.CheckpointKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks a case export ZIP on its own, as a recipient of the export would: the Ed25519 signature over
 * {@code manifest.json} (with the archive's published key, or the key enclosed in the ZIP), and that every message
 * the signed manifest lists is in the ZIP with exactly that SHA-256 and size, and nothing else is. Needs no archive.
 */
final class ExportZipCheck {
  static final String MANIFEST = "manifest.json";
  static final String SIGNATURE = "manifest.json.sig";
  static final String ENCLOSED_KEY = "signing-key.pem";
  static final String MANIFEST_CSV = "manifest.csv";

  private ExportZipCheck() {}

  /**
   * What the check found.
   *
   * @param lines the report, in order, one finding per line
   * @param problems the lines that are failures (also in {@code lines})
   * @param messagesListed messages the manifest lists
   * @param messagesOk of those, present with the listed SHA-256 and size
   */
  record Result(List<String> lines, List<String> problems, int messagesListed, int messagesOk) {
    Result {
      lines = List.copyOf(lines);
      problems = List.copyOf(problems);
    }

    boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Checks {@code zip}; {@code publishedKey} is the archive's public key as the auditor got it, or null to use the
   * key enclosed in the ZIP (which only shows the files belong together, not who made them).
   */
  static Result check(Path zip, CheckpointKey publishedKey) {
    Findings findings = new Findings();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      byte[] manifest = read(file, MANIFEST, findings);
      byte[] signature = read(file, SIGNATURE, findings);
      if (manifest == null || signature == null) {
        return findings.result(0, 0);
      }
      JsonNode json;
      try {
        json = ArchiveCommand.JSON.readTree(manifest);
      } catch (IOException e) {
        findings.problem("FAILED manifest.json is not valid JSON: " + e.getMessage());
        return findings.result(0, 0);
      }
      findings.line(String.format("Export %s of case %s (%s), requested by %s at %s; the manifest lists %s messages.",
          json.path("export").asText("?"), json.path("case").asText("?"), json.path("format").asText("?"),
          json.path("requestedBy").asText("?"), json.path("requestedAt").asText("?"), json.path("count").asText("?")));
      checkSignature(file, manifest, signature, json.path("signature").path("keyId").asText(""), publishedKey, findings);
      return checkMessages(file, json.path("messages"), findings);
    } catch (IOException e) {
      findings.problem("FAILED " + zip.getFileName() + " is not a readable ZIP: " + e.getMessage());
      return findings.result(0, 0);
    }
  }

  private static void checkSignature(ZipFile file, byte[] manifest, byte[] signature, String manifestKeyId,
      CheckpointKey publishedKey, Findings findings) {
    CheckpointKey key = publishedKey;
    String whose = "the public key given";
    if (key == null) {
      byte[] enclosed = read(file, ENCLOSED_KEY, findings);
      if (enclosed == null) {
        return;
      }
      try {
        key = CheckpointKey.fromPublicKeyPem(new String(enclosed, StandardCharsets.US_ASCII));
      } catch (IllegalArgumentException e) {
        findings.problem("FAILED " + ENCLOSED_KEY + ": " + e.getMessage());
        return;
      }
      whose = "the key enclosed in the ZIP; compare its id with the archive's published key ('archive public-key')"
          + " or pass --public-key";
    }
    if (key.verify(manifest, signature)) {
      findings.line("Signature: OK (Ed25519 over manifest.json, key " + key.keyId() + ", " + whose + ").");
    } else {
      findings.problem("FAILED signature: manifest.json.sig is not key " + key.keyId() + "'s signature of manifest.json"
          + (manifestKeyId.isEmpty() || manifestKeyId.equals(key.keyId()) ? " (the manifest or the signature was altered)"
              : " (the manifest names key " + manifestKeyId + ")"));
    }
  }

  private static Result checkMessages(ZipFile file, JsonNode messages, Findings findings) {
    Set<String> listed = new HashSet<>(Set.of(MANIFEST, SIGNATURE, ENCLOSED_KEY, MANIFEST_CSV));
    int ok = 0;
    for (JsonNode message : messages) {
      String name = message.path("file").asText("");
      String sha256 = message.path("sha256").asText("");
      long size = message.path("size").asLong(-1);
      listed.add(name);
      ZipEntry entry = name.isEmpty() ? null : file.getEntry(name);
      if (entry == null) {
        findings.problem("FAILED " + (name.isEmpty() ? "archive id " + message.path("archiveId").asText() : name)
            + ": listed in the manifest, not in the ZIP");
        continue;
      }
      try (InputStream in = file.getInputStream(entry)) {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        long length = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
          length += n;
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256)) {
          findings.problem("FAILED " + name + ": SHA-256 " + actual + ", the manifest lists " + sha256);
        } else if (length != size) {
          findings.problem("FAILED " + name + ": " + length + " bytes, the manifest lists " + size);
        } else {
          ok++;
        }
      } catch (IOException e) {
        findings.problem("FAILED " + name + ": cannot be read from the ZIP (" + e.getMessage() + ")");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }
    Enumeration<? extends ZipEntry> entries = file.entries();
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      if (!entry.isDirectory() && !listed.contains(entry.getName())) {
        findings.problem("FAILED " + entry.getName() + ": in the ZIP but not listed in the signed manifest");
      }
    }
    findings.line(String.format("Messages: %,d of %,d present with the SHA-256 and size the signed manifest lists.",
        ok, messages.size()));
    findings.line("(manifest.csv is the same list for spreadsheets; the signed manifest.json is what counts.)");
    return findings.result(messages.size(), ok);
  }

  private static byte[] read(ZipFile file, String name, Findings findings) {
    ZipEntry entry = file.getEntry(name);
    if (entry == null) {
      findings.problem("FAILED " + name + " is missing from the ZIP");
      return null;
    }
    try (InputStream in = file.getInputStream(entry)) {
      return in.readAllBytes();
    } catch (IOException e) {
      findings.problem("FAILED " + name + ": cannot be read from the ZIP (" + e.getMessage() + ")");
      return null;
    }
  }

  /** The report as it is written. */
  private static final class Findings {
    private final List<String> lines = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    void line(String text) {
      lines.add(text);
    }

    void problem(String text) {
      lines.add(text);
      problems.add(text);
    }

    Result result(int listed, int ok) {
      return new Result(lines, problems, listed, ok);
    }
  }
}
