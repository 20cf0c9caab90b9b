package eu.sovereignmail.gateway.dsn.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The part of the original message a DSN returns, read once from the spool with line ends made CRLF: its header
 * section (the leading lines that look like header fields, at most {@value #HEADER_LIMIT} octets, cut at a line end),
 * and, when the whole message was asked for, the whole message if it can travel as a 7bit/8bit MIME part (at most
 * {@code maxWhole} octets, no NUL, no line over 998 octets). A message whose header section is missing or odd yields
 * an empty or shorter header section, never an error.
 *
 * @param headers the header section, each line ending in CRLF, without the blank line after it
 * @param whole the whole message ending in CRLF, or {@code null} when not asked for or not returnable
 * @param wholeRefused why a whole message that was asked for is not returned ({@code null}: returned or not asked)
 */
public record OriginalContent(byte[] headers, byte[] whole, String wholeRefused) {
  public static final int HEADER_LIMIT = 64 << 10;
  private static final int MAX_LINE = 998;

  /** Reads {@code in} (and closes it); {@code wantWhole} with RET=FULL. */
  public static OriginalContent read(InputStream in, boolean wantWhole, long maxWhole) throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    ByteArrayOutputStream whole = wantWhole ? new ByteArrayOutputStream() : null;
    String refused = null;
    boolean inHeaders = true;
    boolean firstLine = true;
    long total = 0;
    try (InputStream source = new BufferedInputStream(in)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (boolean more = true; more; ) {
        line.reset();
        more = readLine(source, line);
        if (!more && line.size() == 0) {
          break;
        }
        byte[] bytes = line.toByteArray();
        if (inHeaders) {
          if (bytes.length == 0 || !(firstLine ? isFieldStart(bytes) : isFieldStart(bytes) || isContinuation(bytes))) {
            inHeaders = false;
          } else if (headers.size() + bytes.length + 2 > HEADER_LIMIT) {
            inHeaders = false;
          } else {
            headers.write(bytes);
            headers.write('\r');
            headers.write('\n');
          }
          firstLine = false;
        }
        if (whole != null && refused == null) {
          total += bytes.length + 2L;
          if (total > maxWhole) {
            refused = "the message is larger than " + maxWhole + " octets";
          } else if (bytes.length > MAX_LINE) {
            refused = "the message has lines longer than " + MAX_LINE + " octets";
          } else if (containsNul(bytes)) {
            refused = "the message contains NUL octets";
          } else {
            whole.write(bytes);
            whole.write('\r');
            whole.write('\n');
          }
        }
        if (!inHeaders && (whole == null || refused != null)) {
          break;
        }
      }
    }
    return new OriginalContent(headers.toByteArray(), whole == null || refused != null ? null : whole.toByteArray(), refused);
  }

  /** True when the header section holds octets beyond ASCII or lines too long for 7bit. */
  public boolean headersNeedEncoding() {
    return !SevenBit.fits(headers);
  }

  /**
   * Reads one line into {@code line} without its end (CRLF, or a bare CR or LF, which BDAT may have let through);
   * false when the stream ended.
   */
  private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') {
        return true;
      }
      if (b == '\r') {
        in.mark(1);
        if (in.read() != '\n') {
          in.reset();
        }
        return true;
      }
      line.write(b);
    }
    return false;
  }

  /** A header field starts with a name of printable ASCII other than ':' followed by ':' (RFC 5322 2.2). */
  private static boolean isFieldStart(byte[] line) {
    for (int i = 0; i < line.length; i++) {
      int c = line[i] & 0xFF;
      if (c == ':') {
        return i > 0;
      }
      if (c < 33 || c > 126) {
        return false;
      }
    }
    return false;
  }

  private static boolean isContinuation(byte[] line) {
    return line.length > 0 && (line[0] == ' ' || line[0] == '\t');
  }

  private static boolean containsNul(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }
}
