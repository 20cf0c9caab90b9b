package eu.sovereignmail.gateway.routing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.sovereignmail.gateway.routing.internal.LogText;
import eu.sovereignmail.gateway.routing.internal.RuleSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continuity routes on MariaDB, so that a route survives restarts and every gateway sharing the database follows
 * it. All rules live in memory as an immutable snapshot: {@link #find} and {@link #all} never touch the database (they
 * are on the delivery path). {@link #put} and {@link #remove} write the rule and its history row in one transaction
 * and change the snapshot only after the commit. Changes made by other gateways arrive through {@link #refresh()},
 * by hand or every few seconds after {@link #startRefresh(Duration)}. Thread-safe.
 */
public final class JdbcRouteStore implements RouteStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcRouteStore.class);
  /** Where the gateway's Flyway migrations live on the class path. */
  public static final String MIGRATIONS = "classpath:db/gateway";
  /** The gateway's own Flyway history table, apart from the archive's or anyone else's in the same database. */
  public static final String SCHEMA_HISTORY_TABLE = "gateway_schema_history";
  /** Column widths: an address is at most 64 + 1 + 255 octets, a domain 255. */
  static final int MAX_ADDRESS = 320;
  static final int MAX_DOMAIN = 255;
  private static final int WRITE_ATTEMPTS = 3;

  private static final String SELECT_ALL =
      "SELECT scope, rule_key, route, changed_by, changed_at, reason FROM gateway_route_rule";
  private static final String SELECT_FOR_UPDATE =
      "SELECT route FROM gateway_route_rule WHERE scope = ? AND rule_key = ? FOR UPDATE";
  private static final String UPSERT =
      "INSERT INTO gateway_route_rule (scope, rule_key, route, changed_by, changed_at, reason) VALUES (?, ?, ?, ?, ?, ?)"
          + " ON DUPLICATE KEY UPDATE route = VALUES(route), changed_by = VALUES(changed_by),"
          + " changed_at = VALUES(changed_at), reason = VALUES(reason)";
  private static final String DELETE = "DELETE FROM gateway_route_rule WHERE scope = ? AND rule_key = ?";
  private static final String INSERT_HISTORY =
      "INSERT INTO gateway_route_history (at, scope, rule_key, route_before, route_after, changed_by, reason)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT_HISTORY =
      "SELECT at, scope, rule_key, route_before, route_after, changed_by, reason FROM gateway_route_history"
          + " ORDER BY id DESC LIMIT ?";

  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final Clock clock;
  /** Serialises writes and reloads of this store, so the snapshot follows the database's commit order. */
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile RuleSnapshot rules = RuleSnapshot.of(List.of());
  private ScheduledExecutorService refresher;
  private boolean closed;

  private JdbcRouteStore(DataSource dataSource, HikariDataSource ownedPool, Clock clock) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.clock = clock;
  }

  /**
   * Brings the schema up to date and loads every rule, on a pool the caller owns (and closes after this store). The
   * database may hold other schemas' tables: migrations are tracked in {@value #SCHEMA_HISTORY_TABLE}.
   */
  public static JdbcRouteStore open(DataSource dataSource) {
    return open(dataSource, Clock.systemUTC());
  }

  /** As {@link #open(DataSource)}, with the clock that stamps removals in the history. */
  public static JdbcRouteStore open(DataSource dataSource, Clock clock) {
    return open(dataSource, null, clock);
  }

  /**
   * Opens the store on a small pool of its own (closed with the store) for {@code jdbcUrl}.
   *
   * @throws RouteStoreException when the database cannot be reached, logged into or migrated
   */
  public static JdbcRouteStore open(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("gateway-routes");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(3);
    config.setMinimumIdle(1);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new RouteStoreException("cannot connect to " + jdbcUrl + " as " + user + ": " + e.getMessage(), e);
    }
    try {
      return open(pool, pool, Clock.systemUTC());
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static JdbcRouteStore open(DataSource dataSource, HikariDataSource ownedPool, Clock clock) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(clock, "clock");
    migrate(dataSource);
    JdbcRouteStore store = new JdbcRouteStore(dataSource, ownedPool, clock);
    store.refresh();
    LOG.info("event=route.store_open rules={}", store.rules.size());
    return store;
  }

  private static void migrate(DataSource dataSource) {
    MigrateResult result;
    try {
      result = Flyway.configure()
          .dataSource(dataSource)
          .locations(MIGRATIONS)
          .table(SCHEMA_HISTORY_TABLE)
          // A database shared with the archive (or James) is not empty: start our own history at 0, then apply V1.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new RouteStoreException("cannot bring the gateway's route tables up to date: " + e.getMessage(), e);
    }
    LOG.info("event=route.schema migrations_applied={} version={}", result.migrationsExecuted,
        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
  }

  @Override
  public Optional<RouteRule> find(RouteRule.Scope scope, String key) {
    Objects.requireNonNull(scope, "scope");
    return rules.find(scope, RouteRule.normalize(scope, key));
  }

  @Override
  public List<RouteRule> all() {
    return rules.all();
  }

  @Override
  public void put(RouteRule rule) {
    Objects.requireNonNull(rule, "rule");
    checkLengths(rule.scope(), rule.key(), rule.changedBy());
    // DATETIME(6) keeps microseconds: memory holds exactly what a reload would read back.
    RouteRule stored = new RouteRule(rule.scope(), rule.key(), rule.route(), rule.changedBy(),
        rule.changedAt().truncatedTo(ChronoUnit.MICROS), rule.reason());
    writeLock.lock();
    try {
      ensureOpen();
      Route before = inTransaction("put " + stored.scope() + " " + stored.key(), connection -> {
        Route previous = lockRule(connection, stored.scope(), stored.key());
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
          upsert.setString(1, stored.scope().name());
          upsert.setString(2, stored.key());
          upsert.setString(3, stored.route().name());
          upsert.setString(4, stored.changedBy());
          upsert.setObject(5, toDb(stored.changedAt()));
          upsert.setString(6, stored.reason());
          upsert.executeUpdate();
        }
        appendHistory(connection, stored.changedAt(), stored.scope(), stored.key(), previous, stored.route(),
            stored.changedBy(), stored.reason());
        return previous;
      });
      rules = rules.with(stored);
      LOG.info("event=route.set scope={} key={} before={} after={} by={} reason={}", stored.scope(), stored.key(),
          before, stored.route(), LogText.value(stored.changedBy()), LogText.quoted(stored.reason()));
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public boolean remove(RouteRule.Scope scope, String key, String changedBy, String reason) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(changedBy, "changedBy");
    String normalized = RouteRule.normalize(scope, key);
    checkLengths(scope, normalized, changedBy);
    String why = reason == null ? "" : reason;
    writeLock.lock();
    try {
      ensureOpen();
      Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
      Route before = inTransaction("remove " + scope + " " + normalized, connection -> {
        Route previous = lockRule(connection, scope, normalized);
        if (previous == null) {
          return null;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
          delete.setString(1, scope.name());
          delete.setString(2, normalized);
          delete.executeUpdate();
        }
        appendHistory(connection, at, scope, normalized, previous, null, changedBy, why);
        return previous;
      });
      // Also when there was nothing to delete: another gateway may have removed it before our last refresh.
      rules = rules.without(scope, normalized);
      if (before == null) {
        return false;
      }
      LOG.info("event=route.remove scope={} key={} before={} by={} reason={}", scope, normalized, before,
          LogText.value(changedBy), LogText.quoted(why));
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public List<RouteChange> history(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("history limit must not be negative: " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(SELECT_HISTORY)) {
      select.setInt(1, limit);
      List<RouteChange> changes = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          changes.add(new RouteChange(fromDb(row.getObject(1, LocalDateTime.class)),
              RouteRule.Scope.valueOf(row.getString(2)), row.getString(3), route(row.getString(4)),
              route(row.getString(5)), row.getString(6), row.getString(7)));
        }
      }
      return List.copyOf(changes);
    } catch (SQLException e) {
      throw new RouteStoreException("cannot read the route history: " + e.getMessage(), e);
    }
  }

  /**
   * Reloads every rule from the database (changes made by other gateways). On failure the rules in memory stay as
   * they were and the exception is thrown.
   */
  public void refresh() {
    writeLock.lock();
    try {
      RuleSnapshot loaded = load();
      int changed = rules.differences(loaded);
      rules = loaded;
      if (changed > 0) {
        LOG.info("event=route.refresh rules={} changed={}", loaded.size(), changed);
      }
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Reloads in the background every {@code interval} until {@link #close()}; a failed reload is logged and keeps the
   * rules in memory. May be called once.
   */
  public void startRefresh(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("route refresh interval must be positive, was " + interval);
    }
    writeLock.lock();
    try {
      ensureOpen();
      if (refresher != null) {
        throw new IllegalStateException("route refresh already started");
      }
      refresher = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("route-refresh").factory());
      long millis = interval.toMillis();
      refresher.scheduleWithFixedDelay(this::refreshQuietly, millis, millis, TimeUnit.MILLISECONDS);
      LOG.info("event=route.refresh_started interval_ms={}", millis);
    } finally {
      writeLock.unlock();
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("event=route.refresh_failed error=\"{}\"", e.getMessage());
    }
  }

  /** Stops the background reload and closes the pool if this store built it; a caller's data source stays open. */
  @Override
  public void close() {
    ScheduledExecutorService stopping;
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      stopping = refresher;
    } finally {
      writeLock.unlock();
    }
    if (stopping != null) {
      stopping.shutdownNow();
      try {
        stopping.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (ownedPool != null) {
      ownedPool.close();
    }
    LOG.info("event=route.store_close");
  }

  private RuleSnapshot load() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(SELECT_ALL);
        ResultSet row = select.executeQuery()) {
      List<RouteRule> loaded = new ArrayList<>();
      while (row.next()) {
        loaded.add(new RouteRule(RouteRule.Scope.valueOf(row.getString(1)), row.getString(2),
            Route.valueOf(row.getString(3)), row.getString(4), fromDb(row.getObject(5, LocalDateTime.class)),
            row.getString(6)));
      }
      return RuleSnapshot.of(loaded);
    } catch (SQLException e) {
      throw new RouteStoreException("cannot load the routes: " + e.getMessage(), e);
    }
  }

  /** Locks the rule's row (or the gap where it would be) until commit and returns its route, or null. */
  private static Route lockRule(Connection connection, RouteRule.Scope scope, String key) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(SELECT_FOR_UPDATE)) {
      select.setString(1, scope.name());
      select.setString(2, key);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Route.valueOf(row.getString(1)) : null;
      }
    }
  }

  private static void appendHistory(Connection connection, Instant at, RouteRule.Scope scope, String key, Route before,
      Route after, String changedBy, String reason) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_HISTORY)) {
      insert.setObject(1, toDb(at));
      insert.setString(2, scope.name());
      insert.setString(3, key);
      insert.setString(4, before == null ? null : before.name());
      insert.setString(5, after == null ? null : after.name());
      insert.setString(6, changedBy);
      insert.setString(7, reason);
      insert.executeUpdate();
    }
  }

  /** One unit of work inside a transaction; whatever it returns is the transaction's result. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction; a deadlock (two gateways creating the same rule at once) is retried. Throws
   * {@link RouteStoreException} after a rollback, so nothing changed.
   */
  private <T> T inTransaction(String what, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = dataSource.getConnection()) {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
          T result = work.run(connection);
          connection.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        } finally {
          connection.setAutoCommit(autoCommit);
        }
      } catch (SQLException e) {
        if (attempt < WRITE_ATTEMPTS && isRetryable(e)) {
          LOG.info("event=route.write_retry what=\"{}\" attempt={} error=\"{}\"", what, attempt, e.getMessage());
          continue;
        }
        throw new RouteStoreException("cannot " + what + ": " + e.getMessage(), e);
      }
    }
  }

  private static boolean isRetryable(SQLException e) {
    return e instanceof SQLTransactionRollbackException || "40001".equals(e.getSQLState());
  }

  private static void checkLengths(RouteRule.Scope scope, String key, String changedBy) {
    int max = scope == RouteRule.Scope.DOMAIN ? MAX_DOMAIN : MAX_ADDRESS;
    if (key.length() > max) {
      throw new IllegalArgumentException("a " + scope.name().toLowerCase(Locale.ROOT) + " route key is at most " + max
          + " characters, got " + key.length());
    }
    if (changedBy.isBlank() || changedBy.length() > MAX_ADDRESS) {
      throw new IllegalArgumentException("changedBy must be 1 to " + MAX_ADDRESS + " characters");
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("route store is closed");
    }
  }

  private static LocalDateTime toDb(Instant at) {
    return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static Instant fromDb(LocalDateTime at) {
    return at.toInstant(ZoneOffset.UTC);
  }

  private static Route route(String name) {
    return name == null ? null : Route.valueOf(name);
  }
}
