package eu.sovereignmail.identity.apppassword;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * App passwords on a real MariaDB shared with another schema: migration with identity's own history table, round trip
 * of every column, the per-user limit under concurrent inserts, revocation, last use, and two stores on one database.
 */
class JdbcAppPasswordRepositoryIT {
  private static final Path DIR = Path.of("target", "it-app-passwords-" + System.nanoTime()).toAbsolutePath();
  private static final Instant T0 = Instant.parse("2025-05-20T08:00:00.123456Z");

  private static EmbeddedMariaDb mariaDb;
  private static HikariDataSource pool;

  @BeforeAll
  static void startMariaDb() throws Exception {
    mariaDb = EmbeddedMariaDb.start(DIR.resolve("mariadb"), Ports.freeLoopbackPort());
    mariaDb.ensureDatabase("gateway", "gateway", "app-passwords-it");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(mariaDb.jdbcUrl("gateway"));
    config.setUsername("gateway");
    config.setPassword("app-passwords-it");
    config.setMaximumPoolSize(8);
    pool = new HikariDataSource(config);
    // The gateway's own tables and Flyway history already live in this database.
    sql("CREATE TABLE gateway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50))");
    sql("CREATE TABLE gateway_route_rule (scope VARCHAR(16) PRIMARY KEY)");
  }

  @AfterAll
  static void stopMariaDb() {
    if (pool != null) {
      pool.close();
    }
    if (mariaDb != null) {
      mariaDb.close();
    }
  }

  @BeforeEach
  void emptyTables() throws Exception {
    JdbcAppPasswordRepository.open(pool);
    sql("DELETE FROM identity_app_password");
  }

  @Test
  void migratesBesideOtherSchemasWithItsOwnHistoryAndReopensWithoutChange() throws Exception {
    JdbcAppPasswordRepository.open(pool);
    JdbcAppPasswordRepository.open(pool);
    assertThat(count("SELECT COUNT(*) FROM identity_schema_history WHERE success = 1 AND version = '1'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM gateway_schema_history")).isZero();
  }

  @Test
  void everyColumnSurvivesTheRoundTrip() {
    JdbcAppPasswordRepository repository = JdbcAppPasswordRepository.open(pool);
    StoredAppPassword stored = password("ab23cd45ef", new Account("zoë", "Zoe@Example.EU"), "Téléphone ☎", T0);

    assertThat(repository.insertIfBelow(stored, 10)).isTrue();
    assertThat(repository.loadActive()).containsExactly(stored);

    Instant used = T0.plus(Duration.ofHours(1));
    repository.touch("ab23cd45ef", used);
    repository.touch("ab23cd45ef", T0); // never moves back
    assertThat(repository.loadActive().getFirst().info().lastUsedAt()).isEqualTo(used);
  }

  @Test
  void theLimitHoldsUnderConcurrentInsertsFromSeveralGateways() throws Exception {
    JdbcAppPasswordRepository one = JdbcAppPasswordRepository.open(pool);
    JdbcAppPasswordRepository two = JdbcAppPasswordRepository.open(pool);
    Account alice = new Account("alice", "alice@example.eu");
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Boolean>> inserts = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        JdbcAppPasswordRepository repository = i % 2 == 0 ? one : two;
        StoredAppPassword p = password("race" + String.format("%06d", i).replace('0', 'a').replace('1', 'b'), alice,
            "device " + i, T0);
        inserts.add(() -> repository.insertIfBelow(p, 5));
      }
      int added = 0;
      for (Future<Boolean> result : threads.invokeAll(inserts)) {
        added += result.get() ? 1 : 0;
      }
      assertThat(added).isEqualTo(5);
      assertThat(one.loadActive()).hasSize(5);
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void revokedRowsStayForTheRecordButAreNoLongerLoaded() throws Exception {
    JdbcAppPasswordRepository repository = JdbcAppPasswordRepository.open(pool);
    Account alice = new Account("alice", "alice@example.eu");
    repository.insertIfBelow(password("aaaaaaaaaa", alice, "Phone", T0), 10);
    repository.insertIfBelow(password("bbbbbbbbbb", alice, "Laptop", T0), 10);
    repository.insertIfBelow(password("cccccccccc", new Account("bob", ""), "Tablet", T0), 10);
    repository.insertIfBelow(password("dddddddddd", alice, "Made later", T0.plusSeconds(60)), 10);

    assertThat(repository.revoke("bob", "aaaaaaaaaa", T0, "bob")).isFalse();
    assertThat(repository.revoke("alice", "aaaaaaaaaa", T0, "mara")).isTrue();
    assertThat(repository.revoke("alice", "aaaaaaaaaa", T0, "mara")).isFalse();
    assertThat(repository.revokeAll("alice", T0.plusSeconds(1), "revocation")).isEqualTo(1); // not the later one
    assertThat(repository.loadActive()).extracting(p -> p.info().id()).containsExactlyInAnyOrder("cccccccccc", "dddddddddd");
    assertThat(count("SELECT COUNT(*) FROM identity_app_password WHERE revoked_by = 'mara'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM identity_app_password WHERE revoked_by = 'revocation'")).isEqualTo(1);
  }

  @Test
  void twoStoresOnOneDatabaseSeeEachOthersChanges() {
    try (AppPasswords a = AppPasswords.open(JdbcAppPasswordRepository.open(pool), AppPasswordSettings.defaults());
        AppPasswords b = AppPasswords.open(JdbcAppPasswordRepository.open(pool), AppPasswordSettings.defaults())) {
      IssuedAppPassword made = a.create(new Account("carol", "carol@example.eu"), "Phone", "carol");
      assertThat(b.verify("carol@example.eu", made.secret())).isPresent(); // reloaded on the miss
      assertThat(a.revoke("carol", made.info().id(), "carol")).isTrue();
      b.reload();
      assertThat(b.verify("carol", made.secret())).isEmpty();
      assertThat(b.list("carol")).isEmpty();
    }
  }

  private static StoredAppPassword password(String id, Account account, String label, Instant createdAt) {
    return new StoredAppPassword(new AppPassword(id, account, label, createdAt, account.username(), null),
        "$argon2id$v=19$m=2048,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g");
  }

  private static void sql(String statement) throws Exception {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static long count(String query) throws Exception {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
