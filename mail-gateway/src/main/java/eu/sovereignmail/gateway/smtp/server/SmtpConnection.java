package eu.sovereignmail.gateway.smtp.server;

import eu.sovereignmail.gateway.frontdoor.Refusal;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.smtp.session.SessionOutput;
import eu.sovereignmail.gateway.smtp.session.SmtpSession;
import eu.sovereignmail.gateway.smtp.session.TlsInfo;
import eu.sovereignmail.gateway.tls.ServerTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Moves bytes between one socket and its {@link SmtpSession}: reads, feeds, writes replies, upgrades to TLS. */
final class SmtpConnection {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpConnection.class);
  private static final int READ_BUFFER = 32 << 10;

  private final String listener;
  private final String hostname;
  private final ServerLimits limits;
  private final ServerTls tls;
  private final Function<TlsInfo, SmtpSession> sessions;
  private volatile Socket socket;

  /** {@code sessions} makes the session once the connection is ready (TLS info given for implicit TLS, else null). */
  SmtpConnection(String listener, String hostname, Socket socket, ServerLimits limits, ServerTls tls,
      Function<TlsInfo, SmtpSession> sessions) {
    this.listener = listener;
    this.hostname = hostname;
    this.socket = socket;
    this.limits = limits;
    this.tls = tls;
    this.sessions = sessions;
  }

  void run(boolean implicitTls) {
    String client = socket.getInetAddress().getHostAddress();
    SmtpSession session = null;
    String outcome = "closed";
    try {
      socket.setSoTimeout(millis(limits.preEhloTimeout()));
      TlsInfo info = null;
      if (implicitTls) {
        info = upgrade();
      }
      session = sessions.apply(info);
      send(List.of(session.greeting()));
      ByteBuffer in = ByteBuffer.allocate(READ_BUFFER).flip();
      while (!session.closed()) {
        in.compact();
        int n = socket.getInputStream().read(in.array(), in.position(), in.remaining());
        if (n < 0) {
          outcome = "client_disconnected";
          break;
        }
        in.position(in.position() + n).flip();
        SessionOutput output = session.feed(in);
        send(output.replies());
        switch (output.next()) {
          case READ -> socket.setSoTimeout(millis(session.greeted() ? limits.idleTimeout() : limits.preEhloTimeout()));
          case START_TLS -> {
            in.clear().flip();
            session.tlsStarted(upgrade());
            socket.setSoTimeout(millis(limits.preEhloTimeout()));
          }
          case CLOSE -> outcome = "closed_by_session";
        }
      }
    } catch (SocketTimeoutException timeout) {
      outcome = "idle_timeout";
      LOG.info("event=smtp.connection_failed listener={} client={} reason=idle_timeout", listener, client);
      sendQuietly(SmtpReply.of(421, "4.4.2", hostname + " Idle timeout, closing connection"));
    } catch (RuntimeException bug) {
      outcome = "error";
      LOG.warn("event=smtp.connection_failed listener={} client={} reason=internal_error", listener, client, bug);
    } catch (IOException e) {
      outcome = "error";
      LOG.info("event=smtp.connection_failed listener={} client={} reason={} error=\"{}\"", listener, client,
          e.getClass().getSimpleName(), e.getMessage());
    } finally {
      if (session != null) {
        session.close();
      }
      closeQuietly();
      LOG.debug("event=smtp.connection_closed listener={} client={} outcome={}", listener, client, outcome);
    }
  }

  /** The socket this connection currently uses (the TLS one after an upgrade), for shutdown. */
  Socket socket() {
    return socket;
  }

  private TlsInfo upgrade() throws IOException {
    SSLSocket secure = tls.handshake(socket);
    socket = secure;
    return new TlsInfo(secure.getSession().getProtocol(), secure.getSession().getCipherSuite());
  }

  private void send(List<SmtpReply> replies) throws IOException {
    if (replies.isEmpty()) {
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 * replies.size());
    for (SmtpReply reply : replies) {
      bytes.writeBytes(reply.toBytes());
    }
    OutputStream out = socket.getOutputStream();
    bytes.writeTo(out);
    out.flush();
  }

  private void sendQuietly(SmtpReply reply) {
    try {
      send(List.of(reply));
    } catch (IOException | RuntimeException ignored) {
      // the client is gone; nothing to tell it
    }
  }

  private void closeQuietly() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a broken socket
    }
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }

  /** Answers a connection refused by the limits without starting a session (inside TLS on the SMTPS port). */
  static void refuse(Socket socket, ServerTls tls, SmtpReply reply) {
    Refusal.send(socket, tls, reply.toBytes());
  }

}
