package eu.sovereignmail.gateway.imap.server;

import eu.sovereignmail.gateway.imap.session.ImapSession;
import eu.sovereignmail.gateway.imap.session.SessionOutput;
import eu.sovereignmail.gateway.metrics.ImapMetrics;
import eu.sovereignmail.gateway.frontdoor.Refusal;
import eu.sovereignmail.gateway.tls.ServerTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the pre-login dialogue with its {@link ImapSession} (under one deadline for the whole
 * login, so a slow drip cannot hold the slot), the STARTTLS upgrade, then the splice to James: two virtual threads
 * copying through fixed 16 KiB buffers, nothing parsed. {@link #kick} ends it from outside with {@code * BYE}.
 */
final class ImapConnection {
  private static final Logger LOG = LoggerFactory.getLogger(ImapConnection.class);
  private static final int BUFFER = 16 << 10;

  private final String listener;
  private final ImapLimits limits;
  private final ServerTls tls;
  private final ImapMetrics metrics;
  private final Function<ImapConnection, ImapSession> sessions;
  private final ReentrantLock clientWrites = new ReentrantLock();
  private volatile Socket socket;
  private volatile Socket backend;
  private volatile long lastActivity = System.nanoTime();
  private volatile boolean kicked;

  ImapConnection(String listener, Socket socket, ImapLimits limits, ServerTls tls, ImapMetrics metrics,
      Function<ImapConnection, ImapSession> sessions) {
    this.listener = listener;
    this.socket = socket;
    this.limits = limits;
    this.tls = tls;
    this.metrics = metrics;
    this.sessions = sessions;
  }

  /** Runs the connection to its end; returns the session (for the caller to release what it holds). */
  ImapSession run(boolean implicitTls) {
    String client = socket.getInetAddress().getHostAddress();
    long deadline = System.nanoTime() + limits.loginTimeout().toNanos();
    ImapSession session = null;
    String outcome = "closed";
    try {
      socket.setSoTimeout(millis(limits.loginTimeout()));
      if (implicitTls) {
        socket = tls.handshake(socket);
      }
      session = sessions.apply(this);
      send(session.greeting());
      ByteBuffer in = ByteBuffer.allocate(BUFFER).flip();
      while (!session.closed()) {
        in.compact();
        if (!in.hasRemaining()) {
          throw new IllegalStateException("read buffer full before login");
        }
        socket.setSoTimeout(remaining(deadline));
        int n = socket.getInputStream().read(in.array(), in.position(), in.remaining());
        if (n < 0) {
          outcome = "client_disconnected";
          break;
        }
        in.position(in.position() + n).flip();
        SessionOutput output = session.feed(in);
        send(output.bytes());
        if (output.next() == SessionOutput.Next.START_TLS) {
          in.clear().flip();
          socket = tls.handshake(socket);
          session.tlsStarted();
        } else if (output.next() == SessionOutput.Next.SPLICE) {
          outcome = splice(session, in);
          break;
        } else if (output.next() == SessionOutput.Next.CLOSE) {
          outcome = "closed_by_session";
        }
      }
    } catch (SocketTimeoutException timeout) {
      outcome = "login_timeout";
      LOG.info("event=imap.connection_failed listener={} client={} reason=login_timeout", listener, client);
      sendQuietly("* BYE Autologout; took too long to log in\r\n");
    } catch (IOException e) {
      outcome = kicked ? "revoked" : "error";
      if (!kicked) {
        LOG.info("event=imap.connection_failed listener={} client={} reason={} error=\"{}\"", listener, client,
            e.getClass().getSimpleName(), e.getMessage());
      }
    } catch (RuntimeException bug) {
      outcome = "error";
      LOG.warn("event=imap.connection_failed listener={} client={} reason=internal_error", listener, client, bug);
    } finally {
      closeQuietly(socket);
      closeQuietly(backend);
      if (session != null && session.principal() != null) {
        session.backend().close();
      }
      LOG.debug("event=imap.connection_closed listener={} client={} outcome={}", listener, client, outcome);
    }
    return session;
  }

  /** Copies both ways until either side ends; the client side's silence beyond the idle timeout ends it too. */
  private String splice(ImapSession session, ByteBuffer pending) throws IOException {
    JamesImapBackend.JamesLink link = (JamesImapBackend.JamesLink) session.backend();
    backend = link.socket();
    if (kicked) {
      return "revoked";
    }
    metrics.sessionOpened();
    try {
      socket.setTcpNoDelay(true);
      OutputStream toBackend = backend.getOutputStream();
      if (pending.hasRemaining()) {
        metrics.relayedToBackend(pending.remaining());
        toBackend.write(pending.array(), pending.position(), pending.remaining());
        toBackend.flush();
      }
      if (link.leftover().length > 0) {
        send(link.leftover());
        metrics.relayedToClient(link.leftover().length);
      }
      Thread fromBackend = Thread.ofVirtual().name("imap-from-james").start(this::backendToClient);
      String outcome = clientToBackend(toBackend);
      closeQuietly(socket);
      closeQuietly(backend);
      try {
        fromBackend.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return outcome;
    } finally {
      metrics.sessionClosed();
    }
  }

  private String clientToBackend(OutputStream toBackend) throws IOException {
    byte[] buffer = new byte[BUFFER];
    InputStream fromClient = socket.getInputStream();
    socket.setSoTimeout(millis(limits.idleTimeout()));
    while (true) {
      int n;
      try {
        n = fromClient.read(buffer);
      } catch (SocketTimeoutException timeout) {
        if (System.nanoTime() - lastActivity < limits.idleTimeout().toNanos()) {
          continue;
        }
        sendQuietly("* BYE Autologout; idle for too long\r\n");
        return "idle_timeout";
      } catch (IOException e) {
        return kicked ? "revoked" : "client_gone";
      }
      if (n < 0) {
        return "client_disconnected";
      }
      lastActivity = System.nanoTime();
      try {
        toBackend.write(buffer, 0, n);
        toBackend.flush();
      } catch (IOException e) {
        return kicked ? "revoked" : "backend_gone";
      }
      metrics.relayedToBackend(n);
    }
  }

  private void backendToClient() {
    byte[] buffer = new byte[BUFFER];
    try {
      InputStream fromBackend = backend.getInputStream();
      OutputStream toClient = socket.getOutputStream();
      while (true) {
        int n = fromBackend.read(buffer);
        if (n < 0) {
          break;
        }
        lastActivity = System.nanoTime();
        clientWrites.lock();
        try {
          toClient.write(buffer, 0, n);
          toClient.flush();
        } finally {
          clientWrites.unlock();
        }
        metrics.relayedToClient(n);
      }
    } catch (IOException e) {
      // either side closed; the client side's loop notices too
    } finally {
      closeQuietly(socket);
      closeQuietly(backend);
    }
  }

  /**
   * Ends the connection from outside (account revoked, shutdown): {@code * BYE text} to the client when the writer is
   * free within half a second (never in the middle of a relayed chunk), then both sockets closed.
   */
  void kick(String text) {
    kicked = true;
    try {
      if (clientWrites.tryLock(500, TimeUnit.MILLISECONDS)) {
        try {
          Socket s = socket;
          s.setSoTimeout(500);
          s.getOutputStream().write(("* BYE " + text + "\r\n").getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
        } finally {
          clientWrites.unlock();
        }
      }
    } catch (IOException | InterruptedException ignored) {
      // closing anyway
    } finally {
      closeQuietly(socket);
      closeQuietly(backend);
    }
  }

  Socket socket() {
    return socket;
  }

  private void send(byte[] bytes) throws IOException {
    if (bytes.length == 0) {
      return;
    }
    clientWrites.lock();
    try {
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
    } finally {
      clientWrites.unlock();
    }
  }

  private void sendQuietly(String text) {
    try {
      send(text.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException ignored) {
      // the client is gone
    }
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  private static int remaining(long deadline) throws SocketTimeoutException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("login deadline passed");
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)));
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }

  /** Answers a connection refused by the limits without starting a session (inside TLS on the implicit-TLS door). */
  static void refuse(Socket socket, ServerTls tls, String text) {
    Refusal.send(socket, tls, ("* BYE " + text + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }

}
