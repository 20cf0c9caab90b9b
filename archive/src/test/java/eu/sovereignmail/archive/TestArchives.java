package eu.sovereignmail.archive;

import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * One embedded MariaDB and one blob key file shared by the archive's integration tests in a run (a MariaDB start
 * costs seconds, more on a loaded machine); each test takes a database of its own by name.
 */
public final class TestArchives {
  private static final String USER = "archive";
  private static TestArchives shared;

  private final Path dir;
  private final EmbeddedMariaDb mariaDb;
  private final Path keyFile;
  private final String password;

  private TestArchives(Path dir, EmbeddedMariaDb mariaDb, Path keyFile, String password) {
    this.dir = dir;
    this.mariaDb = mariaDb;
    this.keyFile = keyFile;
    this.password = password;
  }

  /** The run's instance, started on first use and stopped when the test JVM exits. */
  public static synchronized TestArchives get() throws IOException {
    if (shared == null) {
      Path dir = Path.of("target", "it-archive-db-" + System.nanoTime()).toAbsolutePath();
      EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(dir.resolve("mariadb"), Ports.freeLoopbackPort());
      Runtime.getRuntime().addShutdownHook(new Thread(mariaDb::close, "it-archive-mariadb-stop"));
      Path keyFile = dir.resolve("keys").resolve("archive.keys");
      KeyRing.createKeyFile(keyFile);
      byte[] secret = new byte[12];
      new SecureRandom().nextBytes(secret);
      shared = new TestArchives(dir, mariaDb, keyFile, HexFormat.of().formatHex(secret));
    }
    return shared;
  }

  /** Settings of an archive in database {@code database} (created if missing), blobs in a directory of its own. */
  public ArchiveSettings settings(String database) throws IOException {
    mariaDb.ensureDatabase(database, USER, password);
    return new ArchiveSettings(mariaDb.jdbcUrl(database), USER, password, dir.resolve(database).resolve("blobs"), keyFile);
  }

  /** A plain JDBC connection to {@code database}, for a test's own checks (and its tampering). */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(mariaDb.jdbcUrl(database), USER, password);
  }
}
