package eu.sovereignmail.gateway.spool.internal;

import eu.sovereignmail.gateway.spool.Envelope;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The layout of one spool file, version 1 (big-endian):
 *
 * <pre>
 * header       magic "SMSP" | version u16 | envelope length u32 | envelope | CRC32C of all before
 * commit block message length u64 | message CRC32C u32 | CRC32C of the 12 bytes before   (zeros until commit)
 * message      the message bytes as received
 * state log    records: payload length u32 | payload | CRC32C of length and payload
 * </pre>
 *
 * An entry exists only when header and commit block check out and the message matches its CRC; the state log is
 * valid up to its first bad record. So a torn write is always detected, and one file holds the whole entry.
 */
public final class EntryFormat {
  public static final String SUFFIX = ".spool";
  private static final int MAGIC = 0x534D5350;
  private static final short VERSION = 1;
  private static final int PREFIX = 10;
  private static final int COMMIT_BLOCK = 16;
  private static final int MAX_ENVELOPE = 16 << 20;
  private static final int MAX_RECORD = 64 << 10;

  private EntryFormat() {}

  /** What a valid spool file holds; {@code validEnd} is where the state log's last good record ends. */
  public record Parsed(Envelope envelope, long messageOffset, long messageLength, List<byte[]> records, long validEnd) {}

  /** Header plus a zeroed commit block, written when the entry is begun. */
  public static ByteBuffer header(byte[] envelope) {
    ByteBuffer buffer = ByteBuffer.allocate(PREFIX + envelope.length + 4 + COMMIT_BLOCK);
    buffer.putInt(MAGIC).putShort(VERSION).putInt(envelope.length).put(envelope);
    buffer.putInt(crc(buffer.array(), 0, buffer.position()));
    return buffer.position(0);
  }

  public static long commitBlockOffset(int envelopeLength) {
    return PREFIX + envelopeLength + 4L;
  }

  public static long messageOffset(int envelopeLength) {
    return commitBlockOffset(envelopeLength) + COMMIT_BLOCK;
  }

  public static ByteBuffer commitBlock(long messageLength, int messageCrc) {
    ByteBuffer buffer = ByteBuffer.allocate(COMMIT_BLOCK).putLong(messageLength).putInt(messageCrc);
    buffer.putInt(crc(buffer.array(), 0, 12));
    return buffer.flip();
  }

  public static ByteBuffer stateRecord(byte[] payload) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + payload.length + 4).putInt(payload.length).put(payload);
    buffer.putInt(crc(buffer.array(), 0, 4 + payload.length));
    return buffer.flip();
  }

  /** Reads and checks a whole spool file; the message is streamed through its CRC, never held in memory. */
  public static Parsed read(FileChannel channel) throws IOException, CorruptEntryException {
    long size = channel.size();
    ByteBuffer prefix = readFully(channel, 0, PREFIX, size);
    if (prefix.getInt() != MAGIC || prefix.getShort() != VERSION) {
      throw new CorruptEntryException("bad magic or version");
    }
    int envelopeLength = prefix.getInt();
    if (envelopeLength < 0 || envelopeLength > MAX_ENVELOPE) {
      throw new CorruptEntryException("bad envelope length " + envelopeLength);
    }
    ByteBuffer header = readFully(channel, 0, PREFIX + envelopeLength + 4, size);
    if (crc(header.array(), 0, PREFIX + envelopeLength) != header.getInt(PREFIX + envelopeLength)) {
      throw new CorruptEntryException("header checksum mismatch");
    }
    byte[] envelopeBytes = new byte[envelopeLength];
    header.get(PREFIX, envelopeBytes);
    Envelope envelope = EnvelopeCodec.decode(envelopeBytes);
    ByteBuffer commit = readFully(channel, commitBlockOffset(envelopeLength), COMMIT_BLOCK, size);
    if (crc(commit.array(), 0, 12) != commit.getInt(12)) {
      throw new CorruptEntryException("never committed (commit block missing or torn)");
    }
    long messageLength = commit.getLong(0);
    long messageOffset = messageOffset(envelopeLength);
    if (messageLength < 0 || messageOffset + messageLength > size) {
      throw new CorruptEntryException("message shorter than committed");
    }
    if (messageCrc(channel, messageOffset, messageLength) != commit.getInt(8)) {
      throw new CorruptEntryException("message checksum mismatch");
    }
    List<byte[]> records = new ArrayList<>();
    long position = messageOffset + messageLength;
    while (true) {
      byte[] record = nextRecord(channel, position, size);
      if (record == null) {
        return new Parsed(envelope, messageOffset, messageLength, records, position);
      }
      records.add(record);
      position += 8 + record.length;
    }
  }

  private static byte[] nextRecord(FileChannel channel, long position, long size)
      throws IOException, CorruptEntryException {
    if (size - position < 8) {
      return null;
    }
    int length = readFully(channel, position, 4, size).getInt();
    if (length < 0 || length > MAX_RECORD || position + 8 + length > size) {
      return null;
    }
    ByteBuffer record = readFully(channel, position, 8 + length, size);
    if (crc(record.array(), 0, 4 + length) != record.getInt(4 + length)) {
      return null;
    }
    byte[] payload = new byte[length];
    record.get(4, payload);
    return payload;
  }

  private static int messageCrc(FileChannel channel, long offset, long length) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer buffer = ByteBuffer.allocate(64 << 10);
    long done = 0;
    while (done < length) {
      buffer.clear().limit((int) Math.min(buffer.capacity(), length - done));
      int n = channel.read(buffer, offset + done);
      if (n < 0) {
        throw new IOException("file shrank while reading");
      }
      crc.update(buffer.array(), 0, n);
      done += n;
    }
    return (int) crc.getValue();
  }

  private static ByteBuffer readFully(FileChannel channel, long position, int length, long size)
      throws IOException, CorruptEntryException {
    if (position + length > size) {
      throw new CorruptEntryException("file ends at " + size + ", before offset " + (position + length));
    }
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new CorruptEntryException("file shrank while reading");
      }
    }
    return buffer.flip();
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
