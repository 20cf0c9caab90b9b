package eu.sovereignmail.gateway.imap.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * CRLF lines from James during the login dialogue (greeting, AUTHENTICATE, CAPABILITY), keeping whatever was read
 * past the last one so the splice can pass it on. Bounded: James's lines here are short.
 */
final class BackendLines {
  private static final int MAX_LINE = 16 << 10;

  private final InputStream in;
  private final ByteBuffer buffer = ByteBuffer.allocate(MAX_LINE);

  BackendLines(InputStream in) {
    this.in = in;
    buffer.flip();
  }

  String line() throws IOException {
    while (true) {
      for (int i = buffer.position(); i < buffer.limit(); i++) {
        if (buffer.get(i) == '\n') {
          byte[] bytes = new byte[i - buffer.position()];
          buffer.get(bytes);
          buffer.get();
          int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
      }
      buffer.compact();
      if (!buffer.hasRemaining()) {
        throw new IOException("backend line too long");
      }
      int n = in.read(buffer.array(), buffer.position(), buffer.remaining());
      if (n < 0) {
        throw new IOException("backend closed the connection");
      }
      buffer.position(buffer.position() + n).flip();
    }
  }

  /** Skips untagged lines until one with {@code tag} (or starting with {@code prefix} when given). */
  String untilTaggedOr(String tag, String prefix) throws IOException {
    while (true) {
      String line = line();
      if (line.startsWith(tag + " ") || prefix != null && line.startsWith(prefix)) {
        return line;
      }
    }
  }

  byte[] leftover() {
    byte[] rest = new byte[buffer.remaining()];
    buffer.get(rest);
    return rest;
  }
}
