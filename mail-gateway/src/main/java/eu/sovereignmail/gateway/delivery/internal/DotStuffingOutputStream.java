package eu.sovereignmail.gateway.delivery.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a message as DATA content (RFC 5321 4.5.2): lines beginning with a dot get a second one, bare CR or LF
 * become CRLF (a BDAT message may hold them), and {@link #finish()} ends the content with CRLF.CRLF.
 */
public final class DotStuffingOutputStream extends FilterOutputStream {
  private boolean atLineStart = true;
  private boolean pendingCr;

  public DotStuffingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    if (pendingCr) {
      pendingCr = false;
      lineBreak();
      if (b == '\n') {
        return;
      }
    }
    if (b == '\r') {
      pendingCr = true;
    } else if (b == '\n') {
      lineBreak();
    } else {
      if (atLineStart && b == '.') {
        out.write('.');
      }
      out.write(b);
      atLineStart = false;
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  /** Ends the last line if the message did not, then writes the terminating {@code .CRLF}; does not close. */
  public void finish() throws IOException {
    if (pendingCr) {
      pendingCr = false;
      lineBreak();
    }
    if (!atLineStart) {
      lineBreak();
    }
    out.write(new byte[] {'.', '\r', '\n'});
    out.flush();
  }

  /** Not closing the connection underneath: the caller still reads the replies. */
  @Override
  public void close() throws IOException {
    flush();
  }

  private void lineBreak() throws IOException {
    out.write('\r');
    out.write('\n');
    atLineStart = true;
  }
}
