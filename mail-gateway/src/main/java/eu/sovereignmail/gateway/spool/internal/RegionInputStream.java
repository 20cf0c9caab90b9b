package eu.sovereignmail.gateway.spool.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Streams the message region of a spool file (positional reads, so it never sees the header or the state log). */
public final class RegionInputStream extends InputStream {
  private final FileChannel channel;
  private long position;
  private final long end;

  public RegionInputStream(FileChannel channel, long offset, long length) {
    this.channel = channel;
    this.position = offset;
    this.end = offset + length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (position >= end) {
      return -1;
    }
    int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
