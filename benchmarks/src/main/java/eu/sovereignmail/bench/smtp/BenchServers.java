package eu.sovereignmail.bench.smtp;

import eu.sovereignmail.gateway.delivery.DeliverySettings;
import eu.sovereignmail.stack.james.JamesBackend;
import eu.sovereignmail.stack.james.JamesSettings;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every server of one benchmark run on free loopback ports, with all state under one directory (one disk): MariaDB,
 * the real James backend with the bench users, the gateway's front door delivering to that James, and optionally a
 * private Postfix. Started in dependency order; {@link #close()} stops them in reverse, once, whoever calls it first
 * (the run's finally block or the JVM's shutdown hook).
 */
public final class BenchServers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BenchServers.class);
  private static final String JAMES_ADMIN_PASSWORD = "bench-admin-secret";
  /** Every bench user's James password. */
  public static final String USER_PASSWORD = "bench-user-secret";
  private static final String DB_PASSWORD = "bench-db-secret";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private EmbeddedMariaDb mariaDb;
  private JamesBackend james;
  private GatewayFrontDoor gateway;
  private PostfixInstance postfix;
  private int gatewayPort;
  private boolean closed;

  /** An empty set: {@link #close()} may be called (e.g. from a shutdown hook) before or during {@link #start}. */
  public BenchServers() {}

  /**
   * Starts what {@code withGateway}/{@code withPostfix} ask for; James always (the gateway delivers to it and it is a
   * target itself). {@code users}: the bench domain's addresses, created in James and known to the gateway. On
   * failure, what was started is stopped again.
   */
  public void start(Path dir, Path jamesDistribution, String jamesHeap, String domain, Set<String> users,
      boolean withGateway, boolean withPostfix, DeliverySettings delivery) throws IOException {
    try {
      startAll(dir, jamesDistribution, jamesHeap, domain, users, withGateway, withPostfix, delivery);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void startAll(Path dir, Path jamesDistribution, String jamesHeap, String domain, Set<String> users,
      boolean withGateway, boolean withPostfix, DeliverySettings delivery) throws IOException {
    mariaDb = register(EmbeddedMariaDb.start(dir.resolve("mariadb"), Ports.freeLoopbackPort()));
    mariaDb.ensureDatabase("james", "james", DB_PASSWORD);
    mariaDb.ensureDatabase("archive", "archive", DB_PASSWORD);

    JamesSettings settings = new JamesSettings(dir.resolve("james"), jamesDistribution, "127.0.0.1",
        new JamesSettings.Ports(Ports.freeLoopbackPort(), Ports.freeLoopbackPort(), Ports.freeLoopbackPort(),
            Ports.freeLoopbackPort()),
        mariaDb.jdbcUrl("james"), "james", DB_PASSWORD, "bench-admin@" + domain, JAMES_ADMIN_PASSWORD, jamesHeap);
    james = register(JamesBackend.start(settings));
    james.webAdmin().ensureDomain(domain);
    for (String user : users) {
      james.webAdmin().ensureUser(user, USER_PASSWORD);
    }

    if (withGateway) {
      gatewayPort = Ports.freeLoopbackPort();
      gateway = register(GatewayFrontDoor.start(dir.resolve("gateway"), gatewayPort, domain, users,
          mariaDb.jdbcUrl("archive"), "archive", DB_PASSWORD, settings.ports().lmtp(), delivery));
    }
    if (withPostfix) {
      postfix = register(PostfixInstance.start(dir.resolve("postfix"), domain, Ports.freeLoopbackPort()));
    }
  }

  /** Remembers a started server for {@link #close()}; stops it at once when the set was closed meanwhile. */
  private synchronized <T extends AutoCloseable> T register(T server) throws IOException {
    if (closed) {
      try {
        server.close();
      } catch (Exception e) {
        LOG.warn("event=bench.stop_failed server={} error=\"{}\"", server.getClass().getSimpleName(), e.toString());
      }
      throw new IOException("benchmark stopped while its servers were starting");
    }
    started.push(server);
    return server;
  }

  /** A further database on the run's MariaDB for a part the harness wires itself; its user is named like it. */
  public Database database(String name) throws IOException {
    mariaDb.ensureDatabase(name, name, DB_PASSWORD);
    return new Database(mariaDb.jdbcUrl(name), name, DB_PASSWORD);
  }

  /** Where a database of this run is and how to log in to it. */
  public record Database(String jdbcUrl, String user, String password) {}

  public JamesBackend james() {
    return james;
  }

  public Optional<GatewayFrontDoor> gateway() {
    return Optional.ofNullable(gateway);
  }

  public int gatewayPort() {
    return gatewayPort;
  }

  public Optional<PostfixInstance> postfix() {
    return Optional.ofNullable(postfix);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    while (true) {
      AutoCloseable server;
      synchronized (this) {
        if (started.isEmpty()) {
          break;
        }
        server = started.pop();
      }
      try {
        server.close();
      } catch (Exception e) {
        LOG.warn("event=bench.stop_failed server={} error=\"{}\"", server.getClass().getSimpleName(), e.toString());
      }
    }
    LOG.info("event=bench.servers.stopped");
  }
}
