package eu.sovereignmail.gateway.spool.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writes the spool's length-prefixed big-endian fields; {@link FieldReader} reads them back. */
final class FieldWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

  FieldWriter writeByte(int value) {
    out.write(value);
    return this;
  }

  FieldWriter writeInt(int value) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
    return this;
  }

  FieldWriter writeLong(long value) {
    out.writeBytes(ByteBuffer.allocate(8).putLong(value).array());
    return this;
  }

  /** Length (-1 for null) then UTF-8 bytes. */
  FieldWriter writeString(String value) {
    if (value == null) {
      return writeInt(-1);
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeInt(bytes.length);
    out.writeBytes(bytes);
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
