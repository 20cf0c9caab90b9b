package eu.sovereignmail.gateway.smtp.wire;

import java.nio.ByteBuffer;

/**
 * Reads exactly the octet count of one BDAT chunk (RFC 3030): binary-transparent, no dot handling. Octets beyond the
 * message's remaining size budget are read and dropped, so the session can answer 552 after the chunk.
 */
public final class BdatChunkReader {
  private long remaining;
  private long budget;
  private boolean tooBig;

  /** {@code budget}: how many more octets the message may have (size limit minus earlier chunks). */
  public BdatChunkReader(long chunkSize, long budget) {
    if (chunkSize < 0) {
      throw new IllegalArgumentException("negative chunk size");
    }
    this.remaining = chunkSize;
    this.budget = budget;
  }

  public BodyStatus read(ByteBuffer in, ByteBuffer out) {
    while (remaining > 0) {
      if (!in.hasRemaining()) {
        return BodyStatus.NEED_INPUT;
      }
      int n = (int) Math.min(remaining, in.remaining());
      if (budget >= n) {
        if (!out.hasRemaining()) {
          return BodyStatus.OUTPUT_FULL;
        }
        n = Math.min(n, out.remaining());
        ByteBuffer slice = in.slice(in.position(), n);
        out.put(slice);
        budget -= n;
      } else {
        tooBig = true;
        budget = 0;
      }
      in.position(in.position() + n);
      remaining -= n;
    }
    return BodyStatus.END;
  }

  /** Octets of this chunk not read yet. */
  public long remaining() {
    return remaining;
  }

  public boolean tooBig() {
    return tooBig;
  }
}
