package eu.sovereignmail.gateway.frontdoor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accept side every front door (SMTP, IMAP) shares: bound listening sockets, one accept loop each, admission
 * against a {@link ConnectionLimiter} (total and per client address), and one virtual thread per admitted
 * connection, whose slot is given back when the protocol is done with it.
 *
 * <p>Blocking sockets on virtual threads: both protocols are dialogues whose waits are short or are themselves
 * blocking (an fsync, a TLS handshake), and an idle virtual thread costs a few KB.
 */
public final class Acceptor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);

  private final String protocol;
  private final ConnectionLimiter limiter;
  private final List<ServerSocket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** What a protocol does with the connections of one listener. */
  public interface Handler {

    /** Tells a client that could not be admitted why (in the protocol's own words); the acceptor closes it. */
    void refuse(Socket socket, ConnectionLimiter.Admission reason);

    /** Serves an admitted connection until it ends; the acceptor gives its slot back afterwards. */
    void serve(Socket socket, String listener);
  }

  /** {@code protocol} names the log events ({@code smtp.accept_failed}, {@code imap.connection_failed}, ...). */
  public Acceptor(String protocol, ConnectionLimiter limiter) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
  }

  /**
   * Binds {@code host:port} (0: a free port) and starts accepting; connections are named {@code label:port} in logs.
   * Returns the port bound.
   */
  public synchronized int listen(String host, int port, String label, Handler handler) throws IOException {
    if (closed) {
      throw new IllegalStateException(protocol + " acceptor is closed");
    }
    ServerSocket server = new ServerSocket();
    sockets.add(server);
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 512);
    String name = label + ":" + server.getLocalPort();
    Thread.ofVirtual().name(protocol + "-accept-" + server.getLocalPort()).start(() -> acceptLoop(server, name, handler));
    return server.getLocalPort();
  }

  /** The port bound by the {@code index}-th {@link #listen} call. */
  public int port(int index) {
    return sockets.get(index).getLocalPort();
  }

  /** Connections admitted and not yet finished. */
  public int openConnections() {
    return limiter.open();
  }

  public boolean isClosed() {
    return closed;
  }

  private void acceptLoop(ServerSocket server, String name, Handler handler) {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("event={}.accept_failed listener={} error=\"{}\"", protocol, name, e.getMessage());
          pause();
        }
        continue;
      }
      // Admission here, on the accept loop, so clients take the slots in the order they connected.
      ConnectionLimiter.Admission admission = limiter.admit(socket.getInetAddress());
      Thread.ofVirtual().name(protocol + "-" + socket.getInetAddress().getHostAddress())
          .start(() -> admit(socket, admission, name, handler));
    }
  }

  private void admit(Socket socket, ConnectionLimiter.Admission admission, String name, Handler handler) {
    InetAddress address = socket.getInetAddress();
    if (admission != ConnectionLimiter.Admission.ADMITTED) {
      LOG.info("event={}.connection_failed listener={} client={} reason={}", protocol, name, address.getHostAddress(),
          admission == ConnectionLimiter.Admission.SERVER_FULL ? "server_full" : "address_full");
      handler.refuse(socket, admission);
      return;
    }
    try {
      if (closed) {
        socket.close();
      } else {
        // Both protocols are dialogues of short replies: Nagle's algorithm would hold a reply (a greeting, a TLS
        // record) until the client's delayed ACK, some 40 ms each time.
        socket.setTcpNoDelay(true);
        handler.serve(socket, name);
      }
    } catch (IOException ignored) {
      // closing a connection that arrived during shutdown
    } finally {
      limiter.release(address);
    }
  }

  /** After a failed accept (e.g. out of file descriptors), so the loop does not spin. */
  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops accepting; open connections are the protocol's to end. */
  @Override
  public synchronized void close() {
    closed = true;
    for (ServerSocket server : sockets) {
      try {
        server.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }
}
