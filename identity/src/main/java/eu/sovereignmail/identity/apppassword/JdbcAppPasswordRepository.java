package eu.sovereignmail.identity.apppassword;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * App passwords on MariaDB (table {@code identity_app_password}), schema by Flyway from {@value #MIGRATIONS} with a
 * history table of its own ({@value #SCHEMA_HISTORY_TABLE}), so the identity tables can share a database with the
 * gateway's and the archive's. Times are UTC {@code DATETIME(6)}. Thread-safe (one connection per call).
 */
public final class JdbcAppPasswordRepository implements AppPasswordRepository {
  /** Where identity's Flyway migrations live on the class path. */
  public static final String MIGRATIONS = "classpath:db/identity";
  /** Identity's own Flyway history table. */
  public static final String SCHEMA_HISTORY_TABLE = "identity_schema_history";
  private static final Logger LOG = LoggerFactory.getLogger(JdbcAppPasswordRepository.class);

  private static final String SELECT_ACTIVE = "SELECT id, username, email, label, hash, created_at, created_by,"
      + " last_used_at FROM identity_app_password WHERE revoked_at IS NULL";
  private static final String SELECT_ACTIVE_OF = SELECT_ACTIVE + " AND (username = ? OR email = ?)";
  private static final String ENSURE_OWNER = "INSERT IGNORE INTO identity_app_password_owner (username) VALUES (?)";
  private static final String LOCK_OWNER = "SELECT username FROM identity_app_password_owner WHERE username = ? FOR UPDATE";
  private static final String COUNT_ACTIVE =
      "SELECT COUNT(*) FROM identity_app_password WHERE username = ? AND revoked_at IS NULL";
  private static final String INSERT = "INSERT INTO identity_app_password (id, username, email, label, hash, created_at,"
      + " created_by) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String REVOKE = "UPDATE identity_app_password SET revoked_at = ?, revoked_by = ?"
      + " WHERE id = ? AND username = ? AND revoked_at IS NULL";
  private static final String REVOKE_ALL = "UPDATE identity_app_password SET revoked_at = ?, revoked_by = ?"
      + " WHERE username = ? AND revoked_at IS NULL AND created_at <= ?";
  private static final String TOUCH = "UPDATE identity_app_password SET last_used_at = ?"
      + " WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)";

  private final DataSource dataSource;

  private JdbcAppPasswordRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Brings the identity schema up to date on {@code dataSource} (a pool the caller owns and closes).
   *
   * @throws AppPasswordException STORAGE when the database cannot be reached or migrated
   */
  public static JdbcAppPasswordRepository open(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    MigrateResult result;
    try {
      result = Flyway.configure()
          .dataSource(dataSource)
          .locations(MIGRATIONS)
          .table(SCHEMA_HISTORY_TABLE)
          // A shared database is not empty: start identity's own history at 0, then apply V1.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new AppPasswordException(AppPasswordException.Reason.STORAGE,
          "cannot bring the identity tables up to date: " + e.getMessage(), e);
    }
    LOG.info("event=identity.schema migrations_applied={} version={}", result.migrationsExecuted,
        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
    return new JdbcAppPasswordRepository(dataSource);
  }

  @Override
  public List<StoredAppPassword> loadActive() {
    try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT_ACTIVE)) {
      return read(select);
    } catch (SQLException e) {
      throw storage("load app passwords", e);
    }
  }

  @Override
  public List<StoredAppPassword> loadActive(String loginKey) {
    try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT_ACTIVE_OF)) {
      select.setString(1, loginKey);
      select.setString(2, loginKey);
      return read(select);
    } catch (SQLException e) {
      throw storage("load app passwords of one user", e);
    }
  }

  private static List<StoredAppPassword> read(PreparedStatement select) throws SQLException {
    try (ResultSet rows = select.executeQuery()) {
      List<StoredAppPassword> active = new ArrayList<>();
      while (rows.next()) {
        AppPassword info = new AppPassword(rows.getString(1), new Account(rows.getString(2), rows.getString(3)),
            rows.getString(4), instant(rows, 6), rows.getString(7), instant(rows, 8));
        active.add(new StoredAppPassword(info, rows.getString(5)));
      }
      return active;
    }
  }

  @Override
  public boolean insertIfBelow(StoredAppPassword password, int limit) {
    AppPassword info = password.info();
    String username = info.account().username();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement owner = c.prepareStatement(ENSURE_OWNER)) {
        owner.setString(1, username);
        owner.executeUpdate();
      }
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement(LOCK_OWNER)) {
          lock.setString(1, username);
          lock.executeQuery().close();
        }
        int active;
        try (PreparedStatement count = c.prepareStatement(COUNT_ACTIVE)) {
          count.setString(1, username);
          try (ResultSet rows = count.executeQuery()) {
            rows.next();
            active = rows.getInt(1);
          }
        }
        if (active >= limit) {
          c.rollback();
          return false;
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
          insert.setString(1, info.id());
          insert.setString(2, username);
          insert.setString(3, info.account().email());
          insert.setString(4, info.label());
          insert.setString(5, password.hash());
          insert.setObject(6, toDb(info.createdAt()));
          insert.setString(7, info.createdBy());
          insert.executeUpdate();
        }
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw storage("add an app password for " + username, e);
    }
  }

  @Override
  public boolean revoke(String username, String id, Instant at, String by) {
    try (Connection c = dataSource.getConnection(); PreparedStatement revoke = c.prepareStatement(REVOKE)) {
      revoke.setObject(1, toDb(at));
      revoke.setString(2, by);
      revoke.setString(3, id);
      revoke.setString(4, username);
      return revoke.executeUpdate() == 1;
    } catch (SQLException e) {
      throw storage("revoke app password " + id, e);
    }
  }

  @Override
  public int revokeAll(String username, Instant at, String by) {
    try (Connection c = dataSource.getConnection(); PreparedStatement revoke = c.prepareStatement(REVOKE_ALL)) {
      revoke.setObject(1, toDb(at));
      revoke.setString(2, by);
      revoke.setString(3, username);
      revoke.setObject(4, toDb(at));
      return revoke.executeUpdate();
    } catch (SQLException e) {
      throw storage("revoke the app passwords of " + username, e);
    }
  }

  @Override
  public void touch(String id, Instant at) {
    try (Connection c = dataSource.getConnection(); PreparedStatement touch = c.prepareStatement(TOUCH)) {
      touch.setObject(1, toDb(at));
      touch.setString(2, id);
      touch.setObject(3, toDb(at));
      touch.executeUpdate();
    } catch (SQLException e) {
      throw storage("record the use of app password " + id, e);
    }
  }

  private static AppPasswordException storage(String what, SQLException e) {
    return new AppPasswordException(AppPasswordException.Reason.STORAGE, "cannot " + what + ": " + e.getMessage(), e);
  }

  private static LocalDateTime toDb(Instant at) {
    return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rows, int column) throws SQLException {
    LocalDateTime value = rows.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
