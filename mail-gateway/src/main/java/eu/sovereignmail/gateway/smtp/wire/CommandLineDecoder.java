package eu.sovereignmail.gateway.smtp.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Cuts CRLF-terminated command lines out of socket bytes in any chunking, enforcing CRLF-only line ends and the
 * RFC 5321 4.5.3.1.4 limit of 512 octets (12288 for AUTH and SASL responses, RFC 4954 4).
 *
 * <p>It consumes input only up to the end of the line it returns, so after DATA or BDAT the session hands the same
 * buffer to a {@link DataDecoder} or {@link BdatChunkReader}: pipelined bytes are never swallowed.
 */
public final class CommandLineDecoder {
  public static final int MAX_COMMAND_LINE = 512;
  public static final int MAX_AUTH_LINE = 12288;
  private static final byte[] AUTH_PREFIX = "AUTH ".getBytes(StandardCharsets.US_ASCII);

  private final byte[] line = new byte[MAX_AUTH_LINE - 2];
  private int length;
  private boolean sawCr;
  private boolean overflowing;
  private boolean broken;
  private boolean saslResponse;

  /** The next line is a SASL client response (RFC 4954 allows it 12288 octets); reset after one line. */
  public void expectSaslResponse() {
    saslResponse = true;
  }

  /** True while part of a line is buffered; a session switching to data mode expects false. */
  public boolean hasPartialLine() {
    return length > 0 || sawCr || overflowing;
  }

  public LineEvent next(ByteBuffer in) {
    if (broken) {
      return LineEvent.BARE_LINE_BREAK;
    }
    while (in.hasRemaining()) {
      byte b = in.get();
      if (sawCr) {
        if (b != '\n') {
          return breakOff();
        }
        return endOfLine();
      }
      if (b == '\r') {
        sawCr = true;
      } else if (b == '\n') {
        return breakOff();
      } else if (!overflowing) {
        if (length >= maxContent()) {
          overflowing = true;
        } else {
          line[length++] = b;
        }
      }
    }
    return LineEvent.NEED_MORE;
  }

  private LineEvent endOfLine() {
    sawCr = false;
    saslResponse = false;
    int n = length;
    length = 0;
    if (overflowing) {
      overflowing = false;
      return LineEvent.TOO_LONG;
    }
    return new LineEvent.Line(new String(line, 0, n, StandardCharsets.UTF_8));
  }

  private LineEvent breakOff() {
    broken = true;
    return LineEvent.BARE_LINE_BREAK;
  }

  private int maxContent() {
    return (saslResponse || startsWithAuth() ? MAX_AUTH_LINE : MAX_COMMAND_LINE) - 2;
  }

  private boolean startsWithAuth() {
    if (length < AUTH_PREFIX.length) {
      return false;
    }
    for (int i = 0; i < AUTH_PREFIX.length; i++) {
      if ((line[i] & 0xDF) != (AUTH_PREFIX[i] & 0xDF)) {
        return false;
      }
    }
    return true;
  }
}
