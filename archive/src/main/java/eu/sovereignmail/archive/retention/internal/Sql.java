package eu.sovereignmail.archive.retention.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import javax.sql.DataSource;

/**
 * The few JDBC moves the legal tables need (they are plain rows, read and written in bulk, so they use
 * JDBC on the archive's pool rather than ORM entities): a transaction around a block, an IN list, instants.
 */
public final class Sql {
  private Sql() {}

  /** Work inside one transaction on a pooled connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("archive database: " + e.getMessage(), e);
    }
  }

  /** {@code ?, ?, ?} for {@code count} parameters. */
  public static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  /** Binds {@code ids} from parameter {@code first} on; returns the next free parameter index. */
  public static int bind(PreparedStatement statement, int first, Collection<Long> ids) throws SQLException {
    int index = first;
    for (long id : ids) {
      statement.setLong(index++, id);
    }
    return index;
  }

  /** Binds {@code instant} as the UTC wall-clock time the archive's DATETIME(6) columns hold (as the ORM side does). */
  public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
    statement.setObject(index, instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /** Reads a DATETIME(6) column written as UTC wall-clock time; {@code null} stays {@code null}. */
  public static Instant instant(ResultSet row, String column) throws SQLException {
    LocalDateTime value = row.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }
}
