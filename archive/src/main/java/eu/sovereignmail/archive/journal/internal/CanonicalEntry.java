package eu.sovereignmail.archive.journal.internal;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.journal.Envelope;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Everything a journal entry's hash covers, and the one encoding it is hashed in, so that writer and
 * verifier cannot disagree.
 *
 * <p>Encoding version 1 (big-endian, strings as a 4-byte UTF-8 length then the bytes, optional strings
 * as a 0/1 byte then the string): {@code "SMJE"}, version int, seq long, spool record id, message
 * SHA-256 hex, message size long, MAIL FROM, recipient count int, each recipient, direction name, client
 * IP?, authenticated user?, gateway node, received-at epoch seconds long and nanos int, journaled-at
 * seconds long and nanos int, previous entry hash hex. The entry hash is the hex SHA-256 of that.
 */
public record CanonicalEntry(
    int version,
    long seq,
    String spoolRecordId,
    String messageSha256,
    long messageSize,
    Envelope envelope,
    Instant journaledAt,
    String prevHash) {
  /** The encoding new entries use. */
  public static final int CURRENT_VERSION = 1;
  /** The previous hash of the first entry. */
  public static final String GENESIS_HASH = "0".repeat(64);

  private static final byte[] MAGIC = {'S', 'M', 'J', 'E'};

  public CanonicalEntry {
    journaledAt = journaledAt.truncatedTo(ChronoUnit.MICROS);
  }

  /** The entry's hash: lower-case hex SHA-256 of {@link #encode()}. */
  public String hash() {
    return BlobId.of(encode()).hex();
  }

  /** The canonical bytes; only version 1 is defined. */
  public byte[] encode() {
    if (version != 1) {
      throw new IllegalStateException("unknown journal entry hash version " + version);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(version);
      out.writeLong(seq);
      writeString(out, spoolRecordId);
      writeString(out, messageSha256);
      out.writeLong(messageSize);
      writeString(out, envelope.mailFrom());
      out.writeInt(envelope.recipients().size());
      for (String recipient : envelope.recipients()) {
        writeString(out, recipient);
      }
      writeString(out, envelope.direction().name());
      writeOptional(out, envelope.clientIp());
      writeOptional(out, envelope.authenticatedUser());
      writeString(out, envelope.gatewayNode());
      writeInstant(out, envelope.receivedAt());
      writeInstant(out, journaledAt);
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

  private static void writeOptional(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      writeString(out, value);
    }
  }

  private static void writeInstant(DataOutputStream out, Instant value) throws IOException {
    out.writeLong(value.getEpochSecond());
    out.writeInt(value.getNano());
  }
}
