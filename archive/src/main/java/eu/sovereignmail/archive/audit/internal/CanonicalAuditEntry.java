package eu.sovereignmail.archive.audit.internal;

import eu.sovereignmail.archive.audit.AuditEntry;
import eu.sovereignmail.archive.blob.BlobId;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Everything an audit entry's hash covers, and the one encoding it is hashed in, so that writer and verifier
 * cannot disagree (the audit counterpart of the journal's {@code CanonicalEntry}).
 *
 * <p>Encoding version 1 (big-endian, strings as a 4-byte UTF-8 length then the bytes): {@code "SMAE"}, version
 * int, seq long, at epoch seconds long and nanos int (microsecond precision), actor, role count int, each role
 * (sorted), origin, action, target, detail, previous entry hash hex. The entry hash is the hex SHA-256 of that.
 */
public record CanonicalAuditEntry(int version, long seq, Instant at, String actor, List<String> roles, String origin,
    String action, String target, String detail, String prevHash) {
  /** The encoding new entries use. */
  public static final int CURRENT_VERSION = 1;
  /** The previous hash of the first entry. */
  public static final String GENESIS_HASH = "0".repeat(64);

  private static final byte[] MAGIC = {'S', 'M', 'A', 'E'};

  public CanonicalAuditEntry {
    at = at.truncatedTo(ChronoUnit.MICROS);
    roles = roles.stream().sorted().toList();
  }

  /** The entry's hash: lower-case hex SHA-256 of {@link #encode()}. */
  public String hash() {
    return BlobId.of(encode()).hex();
  }

  /** The stored entry with its hash. */
  public AuditEntry entry() {
    return new AuditEntry(seq, at, actor, roles, origin, action, target, detail, prevHash, hash());
  }

  /** The canonical bytes; only version 1 is defined. */
  public byte[] encode() {
    if (version != 1) {
      throw new IllegalStateException("unknown audit entry hash version " + version);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + detail.length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(version);
      out.writeLong(seq);
      out.writeLong(at.getEpochSecond());
      out.writeInt(at.getNano());
      writeString(out, actor);
      out.writeInt(roles.size());
      for (String role : roles) {
        writeString(out, role);
      }
      writeString(out, origin);
      writeString(out, action);
      writeString(out, target);
      writeString(out, detail);
      writeString(out, prevHash);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }
}
