package eu.sovereignmail.gateway.spool.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads {@link FieldWriter} fields, throwing {@link CorruptEntryException} on anything out of bounds. */
final class FieldReader {
  private final ByteBuffer in;

  FieldReader(byte[] bytes) {
    this.in = ByteBuffer.wrap(bytes);
  }

  int readByte() throws CorruptEntryException {
    need(1);
    return in.get() & 0xFF;
  }

  int readInt() throws CorruptEntryException {
    need(4);
    return in.getInt();
  }

  long readLong() throws CorruptEntryException {
    need(8);
    return in.getLong();
  }

  String readString() throws CorruptEntryException {
    int length = readInt();
    if (length == -1) {
      return null;
    }
    if (length < 0) {
      throw new CorruptEntryException("negative field length " + length);
    }
    need(length);
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  void expectEnd() throws CorruptEntryException {
    if (in.hasRemaining()) {
      throw new CorruptEntryException(in.remaining() + " unexpected trailing bytes");
    }
  }

  private void need(int bytes) throws CorruptEntryException {
    if (in.remaining() < bytes) {
      throw new CorruptEntryException("field runs past the end of its record");
    }
  }
}
