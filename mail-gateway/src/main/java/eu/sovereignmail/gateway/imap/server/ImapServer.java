package eu.sovereignmail.gateway.imap.server;

import eu.sovereignmail.gateway.auth.Authenticator;
import eu.sovereignmail.gateway.frontdoor.Acceptor;
import eu.sovereignmail.gateway.frontdoor.ConnectionLimiter;
import eu.sovereignmail.gateway.imap.session.Backend;
import eu.sovereignmail.gateway.imap.session.ImapSession;
import eu.sovereignmail.gateway.metrics.ImapMetrics;
import eu.sovereignmail.gateway.tls.ServerTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IMAP doors: 143 with STARTTLS, 993 with implicit TLS and optionally a plaintext door on loopback (a local
 * webmail or proxy: logins without TLS, see {@link ImapListener#plaintext}), one virtual thread per connection on blocking sockets
 * (the same reasoning as the SMTP server: short dialogues, then a byte pipe whose threads cost a few KB each while a
 * client idles). Before login the gateway answers; after login, James does, through a splice.
 */
public final class ImapServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImapServer.class);

  private final List<ImapListener> listeners;
  private final ImapLimits limits;
  private final Optional<ServerTls> tls;
  private final Authenticator authenticator;
  private final JamesImapBackend james;
  private final ImapMetrics metrics;
  private final Acceptor acceptor;
  private final SessionRegistry registry;
  private final Set<ImapConnection> open = ConcurrentHashMap.newKeySet();

  /** The server closes {@code james} (its greeted connections) when it stops. */
  public ImapServer(List<ImapListener> listeners, ImapLimits limits, Optional<ServerTls> tls, Authenticator authenticator,
      JamesImapBackend james, ImapMetrics metrics) {
    this.listeners = List.copyOf(listeners);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.tls = Objects.requireNonNull(tls, "tls");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.james = Objects.requireNonNull(james, "james");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.acceptor = new Acceptor("imap", new ConnectionLimiter(limits.maxConnections(), limits.maxConnectionsPerIp()));
    this.registry = new SessionRegistry(limits.maxSessionsPerUser());
    for (ImapListener listener : this.listeners) {
      if (tls.isEmpty() && listener.implicitTls()) {
        throw new IllegalArgumentException("listener " + listener.host() + ":" + listener.port() + " needs TLS");
      }
    }
  }

  /** Binds every listener (all or none) and starts accepting; James connections start being greeted ahead. */
  public synchronized void start() throws IOException {
    james.warm();
    try {
      for (ImapListener listener : listeners) {
        int port = acceptor.listen(listener.host(), listener.port(), label(listener),
            new Acceptor.Handler() {
              @Override
              public void refuse(Socket socket, ConnectionLimiter.Admission reason) {
                ImapConnection.refuse(socket, listener.implicitTls() ? tls.get() : null,
                    reason == ConnectionLimiter.Admission.SERVER_FULL
                        ? "Too many connections, try again later" : "Too many connections from your address");
              }

              @Override
              public void serve(Socket socket, String name) {
                ImapServer.this.serve(name, listener, socket);
              }
            });
        LOG.info("event=imap.listening tls={} address={}:{}", listener.implicitTls() ? "implicit"
            : listener.plaintextLogin() ? "none_loopback" : "starttls", listener.host(), port);
      }
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  private static String label(ImapListener listener) {
    return listener.implicitTls() ? "imaps" : listener.plaintextLogin() ? "imap-plain" : "imap";
  }

  /** The port actually bound by the listener at {@code index} (useful with port 0). */
  public int port(int index) {
    return acceptor.port(index);
  }

  public int openConnections() {
    return acceptor.openConnections();
  }

  /**
   * Closes every logged-in session of {@code username} with {@code * BYE} (identity revoked the account); returns how
   * many. Does not wait: each close runs on its own virtual thread and takes at most about half a second.
   */
  public int closeSessionsOf(String username) {
    List<ImapConnection> sessions = registry.of(username.toLowerCase(Locale.ROOT));
    for (ImapConnection connection : sessions) {
      Thread.ofVirtual().name("imap-revoke").start(() -> connection.kick("Your account was disabled or its access revoked"));
    }
    LOG.info("event=imap.sessions_revoked user={} sessions={}", username, sessions.size());
    return sessions.size();
  }

  private void serve(String name, ImapListener listener, Socket socket) {
    InetAddress address = socket.getInetAddress();
    metrics.connectionOpened();
    AtomicReference<String> user = new AtomicReference<>();
    ImapConnection connection = new ImapConnection(name, socket, limits, tls.orElse(null), metrics,
        self -> new ImapSession(
            tls.isPresent() ? listener.session() : listener.session().withStartTls(false),
            address.getHostAddress(), listener.implicitTls(), authenticator,
            backendFor(self, user), metrics::login));
    open.add(connection);
    try {
      connection.run(listener.implicitTls());
    } finally {
      open.remove(connection);
      if (user.get() != null) {
        registry.release(user.get(), connection);
      }
      metrics.connectionClosed();
    }
  }

  /** The session's way to James: a per-user slot first, then the administrator login as the user. */
  private Backend backendFor(ImapConnection connection, AtomicReference<String> claimed) {
    return (mailbox, username) -> {
      String key = username.toLowerCase(Locale.ROOT);
      if (!registry.claim(key, connection)) {
        return new Backend.Opening.TooManySessions();
      }
      Backend.Opening opening = james.open(mailbox);
      if (opening instanceof Backend.Opening.Opened) {
        claimed.set(key);
      } else {
        registry.release(key, connection);
      }
      return opening;
    };
  }

  /**
   * Stops accepting and ends every open connection with {@code * BYE}; closes the James backend's ready connections.
   */
  @Override
  public synchronized void close() {
    acceptor.close();
    open.forEach(connection -> Thread.ofVirtual().start(() -> connection.kick("Server shutting down")));
    james.close();
  }
}
