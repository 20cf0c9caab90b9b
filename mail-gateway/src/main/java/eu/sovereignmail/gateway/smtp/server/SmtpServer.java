package eu.sovereignmail.gateway.smtp.server;

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
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ESMTP listeners: one accept loop per listener, one virtual thread per connection with plain blocking sockets.
 *
 * <p>Why blocking sockets on virtual threads: SMTP is a strict request/response dialogue whose only long wait (the
 * spool's group fsync) is itself blocking, and STARTTLS is a one-line {@code createSocket(socket, …)} over a blocking
 * socket; with virtual threads tens of thousands of idle connections cost a few KB each, so an event loop (NIO +
 * SSLEngine) would add a lot of code and no capacity we need.
 */
public final class SmtpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpServer.class);

  private final List<SmtpListener> listeners;
  private final ServerLimits limits;
  private final Optional<ServerTls> tls;
  private final Spool spool;
  private final SessionPolicies policies;
  private final Clock clock;
  private final ConnectionLimiter limiter;
  private final List<ServerSocket> serverSockets = new ArrayList<>();
  private final Set<SmtpConnection> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public SmtpServer(List<SmtpListener> listeners, ServerLimits limits, Optional<ServerTls> tls, Spool spool,
      SessionPolicies policies, Clock clock) {
    this.listeners = List.copyOf(listeners);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.tls = Objects.requireNonNull(tls, "tls");
    this.spool = Objects.requireNonNull(spool, "spool");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.limiter = new ConnectionLimiter(limits.maxConnections(), limits.maxConnectionsPerIp());
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
        ServerSocket server = new ServerSocket();
        serverSockets.add(server);
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(listener.host()), listener.port()), 512);
        Thread.ofVirtual().name("smtp-accept-" + listener.port()).start(() -> acceptLoop(server, listener));
        LOG.info("event=smtp.listening kind={} address={}:{}", listener.session().kind(), listener.host(),
            server.getLocalPort());
      }
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /** The port actually bound by the listener at {@code index} (useful with port 0). */
  public int port(int index) {
    return serverSockets.get(index).getLocalPort();
  }

  public int openConnections() {
    return limiter.open();
  }

  private void acceptLoop(ServerSocket server, SmtpListener listener) {
    String name = listener.session().kind() + ":" + server.getLocalPort();
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("event=smtp.accept_failed listener={} error=\"{}\"", name, e.getMessage());
          pause();
        }
        continue;
      }
      Thread.ofVirtual().name("smtp-" + socket.getInetAddress().getHostAddress()).start(() -> serve(name, listener, socket));
    }
  }

  private void serve(String name, SmtpListener listener, Socket socket) {
    InetAddress address = socket.getInetAddress();
    String host = listener.session().hostname();
    switch (limiter.admit(address)) {
      case SERVER_FULL -> {
        LOG.info("event=smtp.connection_failed listener={} client={} reason=server_full", name, address.getHostAddress());
        SmtpConnection.refuse(socket, SmtpReply.SERVICE_UNAVAILABLE.withText(host + " Too many connections, try again later"));
        return;
      }
      case ADDRESS_FULL -> {
        LOG.info("event=smtp.connection_failed listener={} client={} reason=address_full", name, address.getHostAddress());
        SmtpConnection.refuse(socket, SmtpReply.of(421, "4.7.0", host + " Too many connections from your address"));
        return;
      }
      case ADMITTED -> { }
    }
    SessionSettings settings = tls.isPresent() ? listener.session() : listener.session().withStartTls(false);
    ClientEndpoint client = new ClientEndpoint(address.getHostAddress(),
        limits.reverseDns() ? reverseName(address) : Optional.empty());
    SmtpConnection connection = new SmtpConnection(name, host, socket, limits, tls.orElse(null),
        info -> new SmtpSession(settings, client, Optional.ofNullable(info), spool, policies, clock));
    open.add(connection);
    try {
      if (!closed) {
        connection.run(settings.kind().implicitTls());
      }
    } finally {
      open.remove(connection);
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

  private static Optional<String> reverseName(InetAddress address) {
    String name = address.getCanonicalHostName();
    return name.equals(address.getHostAddress()) ? Optional.empty() : Optional.of(name);
  }

  /** Stops accepting and closes every open connection (messages not yet acknowledged are dropped). */
  @Override
  public synchronized void close() {
    closed = true;
    for (ServerSocket server : serverSockets) {
      try {
        server.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
    for (SmtpConnection connection : open) {
      try {
        connection.socket().close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }
}
