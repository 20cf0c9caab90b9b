package eu.sovereignmail.gateway.spool;

import eu.sovereignmail.gateway.spool.internal.EntryFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32C;

/**
 * One message being received: the session writes DATA/BDAT bytes as they arrive, then {@link #commit()}s (the future
 * completes only once the entry is fsynced) or {@link #abort()}s (RSET, size exceeded, lost connection).
 */
public final class SpoolWriter implements AutoCloseable {
  private final Spool spool;
  private final Envelope envelope;
  private final FileChannel channel;
  private final int envelopeLength;
  private final CRC32C crc = new CRC32C();
  private long size;
  private boolean finished;

  SpoolWriter(Spool spool, Envelope envelope, FileChannel channel, int envelopeLength) {
    this.spool = spool;
    this.envelope = envelope;
    this.channel = channel;
    this.envelopeLength = envelopeLength;
  }

  public Envelope envelope() {
    return envelope;
  }

  /** Message octets written so far. */
  public long size() {
    return size;
  }

  /** Appends the remaining bytes of {@code bytes}. */
  public void write(ByteBuffer bytes) throws SpoolException {
    requireOpen();
    crc.update(bytes.duplicate());
    try {
      while (bytes.hasRemaining()) {
        size += channel.write(bytes);
      }
    } catch (IOException e) {
      throw SpoolException.of("write to spool failed", e);
    }
  }

  public void write(byte[] bytes, int offset, int length) throws SpoolException {
    write(ByteBuffer.wrap(bytes, offset, length));
  }

  /**
   * Seals the entry and queues it for the next group fsync. The future completes with the entry once the file and
   * the spool directory are fsynced, or fails with a {@link SpoolException}; then the file is gone.
   */
  public CompletableFuture<SpoolEntry> commit() {
    requireOpen();
    finished = true;
    try {
      ByteBuffer block = EntryFormat.commitBlock(size, (int) crc.getValue());
      long at = EntryFormat.commitBlockOffset(envelopeLength);
      while (block.hasRemaining()) {
        at += channel.write(block, at);
      }
    } catch (IOException e) {
      spool.discard(envelope.id(), channel);
      return CompletableFuture.failedFuture(SpoolException.of("write to spool failed", e));
    }
    return spool.committed(envelope, channel, EntryFormat.messageOffset(envelopeLength), size);
  }

  /** Drops the message; nothing of it stays on disk. Safe to call after commit (then it does nothing). */
  public void abort() {
    if (!finished) {
      finished = true;
      spool.discard(envelope.id(), channel);
    }
  }

  @Override
  public void close() {
    abort();
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("entry " + envelope.id() + " is already committed or aborted");
    }
  }
}
