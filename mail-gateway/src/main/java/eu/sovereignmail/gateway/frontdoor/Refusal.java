package eu.sovereignmail.gateway.frontdoor;

import eu.sovereignmail.gateway.tls.ServerTls;
import java.io.IOException;
import java.net.Socket;

/**
 * The last words to a client the limits turned away, for every door: one protocol line, sent inside TLS on an
 * implicit-TLS port (a TLS client cannot read plaintext bytes), with one short timeout over handshake and write so a
 * refused client cannot hold its thread.
 */
public final class Refusal {
  private static final int TIMEOUT_MILLIS = 5_000;

  private Refusal() {}

  /** Sends {@code line} (already terminated) on {@code socket}, after a handshake when {@code tls} is given, and closes. */
  public static void send(Socket socket, ServerTls tls, byte[] line) {
    Socket out = socket;
    try {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      if (tls != null) {
        out = tls.handshake(socket);
      }
      out.getOutputStream().write(line);
      out.getOutputStream().flush();
    } catch (IOException ignored) {
      // the client is already gone, or never finished its handshake
    } finally {
      close(out);
      close(socket);
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
