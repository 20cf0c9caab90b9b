package eu.sovereignmail.archive.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed statement "the chain's entry {@code sequence} has hash {@code entryHash}", made at
 * {@code createdAt} with the checkpoint key {@code keyId}. Whoever rewrites history before a checkpoint
 * must forge an Ed25519 signature; logged and exported, checkpoints anchor the chain outside the database.
 *
 * <p>Signed bytes, version 1 (big-endian, strings as 4-byte UTF-8 length then bytes): {@code "SMCP"},
 * version int, sequence long, entry hash hex, created-at epoch seconds long and nanos int, key id.
 *
 * @param sequence the chain entry the checkpoint names
 * @param entryHash that entry's hash (hex)
 * @param createdAt when it was signed (microseconds, as stored)
 * @param keyId the signing key's id ({@link CheckpointKey#keyIdOf})
 * @param publicKey the signing key's public half, base64 of its X.509 encoding (checked against the trusted keys at verify)
 * @param signature base64 of the Ed25519 signature of {@link #signedBytes()}
 */
public record Checkpoint(
    long sequence, String entryHash, Instant createdAt, String keyId, String publicKey, String signature) {
  /** The signed encoding's version. */
  public static final int VERSION = 1;
  private static final byte[] MAGIC = {'S', 'M', 'C', 'P'};

  /** The bytes the signature covers. */
  public byte[] signedBytes() {
    return signedBytes(sequence, entryHash, createdAt, keyId);
  }

  /** The bytes a checkpoint of these values signs. */
  public static byte[] signedBytes(long sequence, String entryHash, Instant createdAt, String keyId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeLong(sequence);
      writeString(out, entryHash);
      out.writeLong(createdAt.getEpochSecond());
      out.writeInt(createdAt.getNano());
      writeString(out, keyId);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /** One line for logs and external records: everything needed to check it later with the public key. */
  public String toLine() {
    return "seq=" + sequence + " entry_hash=" + entryHash + " created_at=" + createdAt + " key_id=" + keyId
        + " signature=" + signature;
  }

  @Override
  public String toString() {
    return "Checkpoint[" + toLine() + "]";
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }
}
