package eu.sovereignmail.gateway.smtp.server;

import eu.sovereignmail.gateway.frontdoor.Acceptor;
import eu.sovereignmail.gateway.frontdoor.ConnectionLimiter;
import eu.sovereignmail.gateway.tls.ServerTls;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.smtp.session.ClientEndpoint;
import eu.sovereignmail.gateway.smtp.session.SessionPolicies;
import eu.sovereignmail.gateway.smtp.session.SessionSettings;
import eu.sovereignmail.gateway.smtp.session.SmtpSession;
import eu.sovereignmail.gateway.spool.Spool;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ESMTP listeners: MX, submission and submissions doors on the shared {@link Acceptor} (one virtual thread per
 * connection with plain blocking sockets; STARTTLS is a one-line {@code createSocket(socket, …)} over a blocking
 * socket), each connection running an {@link SmtpSession}.
 */
public final class SmtpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpServer.class);

  private final List<SmtpListener> listeners;
  private final ServerLimits limits;
  private final Optional<ServerTls> tls;
  private final Spool spool;
  private final SessionPolicies policies;
  private final Clock clock;
  private final Acceptor acceptor;
  private final Set<SmtpConnection> open = ConcurrentHashMap.newKeySet();

  public SmtpServer(List<SmtpListener> listeners, ServerLimits limits, Optional<ServerTls> tls, Spool spool,
      SessionPolicies policies, Clock clock) {
    this.listeners = List.copyOf(listeners);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.tls = Objects.requireNonNull(tls, "tls");
    this.spool = Objects.requireNonNull(spool, "spool");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.acceptor = new Acceptor("smtp", new ConnectionLimiter(limits.maxConnections(), limits.maxConnectionsPerIp()));
    for (SmtpListener listener : this.listeners) {
      if (tls.isEmpty() && listener.session().kind().implicitTls()) {
        throw new IllegalArgumentException("listener " + listener.host() + ":" + listener.port() + " needs TLS");
      }
    }
  }

  /** Binds every listener (all or none) and starts accepting. */
  public synchronized void start() throws IOException {
    try {
      for (SmtpListener listener : listeners) {
        int port = acceptor.listen(listener.host(), listener.port(), listener.session().kind().toString(),
            new Acceptor.Handler() {
              @Override
              public void refuse(Socket socket, ConnectionLimiter.Admission reason) {
                String host = listener.session().hostname();
                SmtpConnection.refuse(socket, listener.session().kind().implicitTls() ? tls.orElse(null) : null,
                    reason == ConnectionLimiter.Admission.SERVER_FULL
                    ? SmtpReply.SERVICE_UNAVAILABLE.withText(host + " Too many connections, try again later")
                    : SmtpReply.of(421, "4.7.0", host + " Too many connections from your address"));
              }

              @Override
              public void serve(Socket socket, String name) {
                SmtpServer.this.serve(name, listener, socket);
              }
            });
        LOG.info("event=smtp.listening kind={} address={}:{}", listener.session().kind(), listener.host(), port);
      }
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** The port actually bound by the listener at {@code index} (useful with port 0). */
  public int port(int index) {
    return acceptor.port(index);
  }

  public int openConnections() {
    return acceptor.openConnections();
  }

  private void serve(String name, SmtpListener listener, Socket socket) {
    InetAddress address = socket.getInetAddress();
    SessionSettings settings = tls.isPresent() ? listener.session() : listener.session().withStartTls(false);
    ClientEndpoint client = new ClientEndpoint(address.getHostAddress(),
        limits.reverseDns() ? reverseName(address) : Optional.empty());
    SmtpConnection connection = new SmtpConnection(name, listener.session().hostname(), socket, limits, tls.orElse(null),
        info -> new SmtpSession(settings, client, Optional.ofNullable(info), spool, policies, clock));
    open.add(connection);
    try {
      connection.run(settings.kind().implicitTls());
    } finally {
      open.remove(connection);
    }
  }

  private static Optional<String> reverseName(InetAddress address) {
    String name = address.getCanonicalHostName();
    return name.equals(address.getHostAddress()) ? Optional.empty() : Optional.of(name);
  }

  /** Stops accepting and closes every open connection (messages not yet acknowledged are dropped). */
  @Override
  public synchronized void close() {
    acceptor.close();
    for (SmtpConnection connection : open) {
      try {
        connection.socket().close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }
}
