package eu.sovereignmail.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.sovereignmail.gateway.routing.RouteRule.Scope;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The route store against a real MariaDB that it shares with another schema's table: writes, history, reopening, two
 * gateways on one database, and keys it must refuse.
 */
class JdbcRouteStoreIT {
  private static final String PASSWORD = "routes-it-secret";
  private static final Path DIR = Path.of("target", "it-routes-" + System.nanoTime()).toAbsolutePath();
  private static final Instant T0 = Instant.parse("2025-05-20T08:00:00.123456789Z");

  private static EmbeddedMariaDb mariaDb;
  private static String url;

  @BeforeAll
  static void startMariaDb() throws Exception {
    mariaDb = EmbeddedMariaDb.start(DIR.resolve("mariadb"), Ports.freeLoopbackPort());
    mariaDb.ensureDatabase("gateway", "gateway", PASSWORD);
    url = mariaDb.jdbcUrl("gateway");
    // Another schema already lives in this database (the archive, say): the gateway must migrate beside it.
    sql("CREATE TABLE someone_elses_table (id INT PRIMARY KEY)");
  }

  @AfterAll
  static void stopMariaDb() {
    if (mariaDb != null) {
      mariaDb.close();
    }
  }

  @BeforeEach
  void emptyTables() throws Exception {
    try (JdbcRouteStore migrated = JdbcRouteStore.open(url, "gateway", PASSWORD)) {
      sql("DELETE FROM gateway_route_rule");
      sql("DELETE FROM gateway_route_history");
    }
  }

  private static RouteRule rule(Scope scope, String key, Route route, Instant at) {
    return new RouteRule(scope, key, route, "mara@example.eu", at, "migration wave 1");
  }

  @Test
  void putFindAllAndRemove() {
    try (JdbcRouteStore store = JdbcRouteStore.open(url, "gateway", PASSWORD)) {
      store.put(rule(Scope.RECIPIENT, "Zoe@Example.EU", Route.SOVEREIGN, T0));
      store.put(rule(Scope.DOMAIN, "example.eu", Route.LEGACY, T0));
      store.put(rule(Scope.RECIPIENT, "alice@example.eu", Route.DUAL, T0));
      store.put(rule(Scope.DOMAIN, "agency.example", Route.DUAL, T0));

      assertThat(store.find(Scope.RECIPIENT, "ZOE@example.eu")).get()
          .extracting(RouteRule::key, RouteRule::route).containsExactly("zoe@example.eu", Route.SOVEREIGN);
      assertThat(store.find(Scope.DOMAIN, "Example.EU").map(RouteRule::route)).contains(Route.LEGACY);
      assertThat(store.find(Scope.DOMAIN, "unknown.example")).isEmpty();
      assertThat(store.all()).extracting(RouteRule::scope, RouteRule::key).containsExactly(
          tuple(Scope.DOMAIN, "agency.example"), tuple(Scope.DOMAIN, "example.eu"),
          tuple(Scope.RECIPIENT, "alice@example.eu"), tuple(Scope.RECIPIENT, "zoe@example.eu"));

      store.put(rule(Scope.DOMAIN, "example.eu", Route.SOVEREIGN, T0.plusSeconds(60)));
      assertThat(store.find(Scope.DOMAIN, "example.eu").map(RouteRule::route)).contains(Route.SOVEREIGN);
      assertThat(store.all()).hasSize(4);

      assertThat(store.remove(Scope.RECIPIENT, "Alice@Example.eu", "mara@example.eu", "done")).isTrue();
      assertThat(store.remove(Scope.RECIPIENT, "alice@example.eu", "mara@example.eu", "again")).isFalse();
      assertThat(store.find(Scope.RECIPIENT, "alice@example.eu")).isEmpty();
      assertThat(store.all()).hasSize(3);
    }
  }

  @Test
  void historyKeepsEveryChangeWithTheRouteBeforeAndAfter() {
    try (JdbcRouteStore store = JdbcRouteStore.open(url, "gateway", PASSWORD)) {
      store.put(rule(Scope.RECIPIENT, "alice@example.eu", Route.LEGACY, T0));
      store.put(new RouteRule(Scope.RECIPIENT, "alice@example.eu", Route.SOVEREIGN, "failover", T0.plusSeconds(60),
          "legacy provider refused the recipient permanently: 550 5.2.1 Mailbox disabled"));
      store.remove(Scope.RECIPIENT, "alice@example.eu", "mara@example.eu", "switch back after the provider restored her");
      store.remove(Scope.RECIPIENT, "alice@example.eu", "mara@example.eu", "nothing there: no history row");

      List<RouteChange> history = store.history(10);

      assertThat(history).extracting(RouteChange::scope, RouteChange::key, RouteChange::before, RouteChange::after,
          RouteChange::changedBy).containsExactly(
          tuple(Scope.RECIPIENT, "alice@example.eu", Route.SOVEREIGN, null, "mara@example.eu"),
          tuple(Scope.RECIPIENT, "alice@example.eu", Route.LEGACY, Route.SOVEREIGN, "failover"),
          tuple(Scope.RECIPIENT, "alice@example.eu", null, Route.LEGACY, "mara@example.eu"));
      assertThat(history.get(1).reason()).isEqualTo("legacy provider refused the recipient permanently: 550 5.2.1 Mailbox disabled");
      assertThat(history.get(2).at()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS));
      assertThat(history.get(0).reason()).isEqualTo("switch back after the provider restored her");
      assertThat(store.history(1)).containsExactly(history.get(0));
      assertThat(store.history(0)).isEmpty();
    }
  }

  @Test
  void rulesSurviveCloseAndReopenExactly() {
    List<RouteRule> before;
    try (JdbcRouteStore store = JdbcRouteStore.open(url, "gateway", PASSWORD)) {
      store.put(rule(Scope.DOMAIN, "example.eu", Route.LEGACY, T0));
      store.put(new RouteRule(Scope.RECIPIENT, "émilie@example.eu", Route.DUAL, "lea@example.eu", T0.plusMillis(5),
          "préférence « avocate »"));
      before = store.all();
    }

    try (JdbcRouteStore reopened = JdbcRouteStore.open(url, "gateway", PASSWORD)) {
      assertThat(reopened.all()).isEqualTo(before);
      assertThat(reopened.find(Scope.DOMAIN, "example.eu").orElseThrow().changedAt())
          .isEqualTo(T0.truncatedTo(ChronoUnit.MICROS));
      assertThat(reopened.history(10)).hasSize(2);
    }
  }

  @Test
  void twoGatewaysOnOneDatabaseSeeEachOthersChangesAfterRefresh() {
    try (JdbcRouteStore first = JdbcRouteStore.open(url, "gateway", PASSWORD);
        JdbcRouteStore second = JdbcRouteStore.open(url, "gateway", PASSWORD)) {
      first.put(rule(Scope.DOMAIN, "example.eu", Route.LEGACY, T0));
      assertThat(second.find(Scope.DOMAIN, "example.eu")).isEmpty();

      second.refresh();
      assertThat(second.find(Scope.DOMAIN, "example.eu").map(RouteRule::route)).contains(Route.LEGACY);

      // The second changes what it learnt; the history's "before" comes from the database, not from memory.
      first.put(rule(Scope.DOMAIN, "example.eu", Route.DUAL, T0.plusSeconds(1)));
      second.put(rule(Scope.DOMAIN, "example.eu", Route.SOVEREIGN, T0.plusSeconds(2)));
      assertThat(second.history(1).getFirst().before()).isEqualTo(Route.DUAL);

      // A removal of a rule the other gateway already removed answers false and drops the stale copy.
      first.remove(Scope.DOMAIN, "example.eu", "mara@example.eu", "cleanup");
      second.refresh();
      assertThat(second.find(Scope.DOMAIN, "example.eu")).isEmpty();
      second.put(rule(Scope.RECIPIENT, "bob@example.eu", Route.LEGACY, T0));
      assertThat(first.remove(Scope.RECIPIENT, "bob@example.eu", "mara@example.eu", "unseen until now")).isTrue();
      assertThat(second.remove(Scope.RECIPIENT, "bob@example.eu", "mara@example.eu", "already gone")).isFalse();
      assertThat(second.find(Scope.RECIPIENT, "bob@example.eu")).isEmpty();

      second.startRefresh(Duration.ofMillis(100));
      assertThatThrownBy(() -> second.startRefresh(Duration.ofMillis(100))).isInstanceOf(IllegalStateException.class);
      first.put(rule(Scope.RECIPIENT, "carol@example.eu", Route.DUAL, T0));
      await().atMost(Duration.ofSeconds(30))
          .until(() -> second.find(Scope.RECIPIENT, "carol@example.eu").isPresent());
    }
  }

  @Test
  void badKeysAndNamesAreRefusedAndWriteNothing() {
    try (JdbcRouteStore store = JdbcRouteStore.open(url, "gateway", PASSWORD)) {
      assertThatThrownBy(() -> rule(Scope.DOMAIN, " ", Route.LEGACY, T0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> rule(Scope.RECIPIENT, "no-domain", Route.LEGACY, T0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.find(Scope.DOMAIN, "alice@example.eu"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.find(Scope.RECIPIENT, "example.eu")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.find(Scope.DOMAIN, "exa mple.eu")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.remove(Scope.DOMAIN, "", "mara@example.eu", "x"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.put(rule(Scope.DOMAIN, "a".repeat(250) + ".example", Route.LEGACY, T0)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 255");
      assertThatThrownBy(() -> store.put(rule(Scope.RECIPIENT, "a".repeat(320) + "@example.eu", Route.LEGACY, T0)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 320");
      assertThatThrownBy(() -> store.put(new RouteRule(Scope.DOMAIN, "example.eu", Route.LEGACY, " ", T0, "")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("changedBy");

      assertThat(store.all()).isEmpty();
      assertThat(store.history(10)).isEmpty();
    }
  }

  @Test
  void aWrongPasswordIsAClearErrorThatDoesNotShowThePassword() {
    assertThatThrownBy(() -> JdbcRouteStore.open(url, "gateway", "not-the-password"))
        .isInstanceOf(RouteStoreException.class)
        .hasMessageContaining(url)
        .hasMessageNotContaining("not-the-password");
  }

  @Test
  void concurrentWritersAllLandOnceEach() throws Exception {
    try (JdbcRouteStore store = JdbcRouteStore.open(url, "gateway", PASSWORD);
        ExecutorService threads = Executors.newFixedThreadPool(4)) {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String address = "user" + i + "@example.eu";
        writes.add(threads.submit(() -> store.put(rule(Scope.RECIPIENT, address, Route.SOVEREIGN, T0))));
      }
      for (Future<?> write : writes) {
        write.get();
      }
      assertThat(store.all()).hasSize(40);
      assertThat(store.history(100)).hasSize(40);
      store.refresh();
      assertThat(store.all()).hasSize(40);
    }
  }

  @Test
  void aCallersPoolStaysOpenAndTheSchemaHasItsOwnHistoryTable() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("gateway");
    config.setPassword(PASSWORD);
    config.setMaximumPoolSize(2);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      try (JdbcRouteStore store = JdbcRouteStore.open(pool)) {
        store.put(rule(Scope.DOMAIN, "example.eu", Route.DUAL, T0));
      }
      assertThat(pool.isClosed()).isFalse();
      try (Connection connection = pool.getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(
              "SELECT version, success FROM gateway_schema_history WHERE version = '1'")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getBoolean(2)).isTrue();
      }
      try (JdbcRouteStore again = JdbcRouteStore.open(pool)) {
        assertThat(again.find(Scope.DOMAIN, "example.eu")).isPresent();
      }
    }
  }

  private static void sql(String statement) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, "gateway", PASSWORD);
        Statement s = connection.createStatement()) {
      s.execute(statement);
    }
  }
}
