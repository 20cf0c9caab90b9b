package eu.sovereignmail.archive.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import javax.sql.DataSource;

/**
 * How the archive's tables are used over plain JDBC where rows are read and written in bulk and no ORM entity is
 * wanted (the journal's group commit, and the legal-workflow tables: audit, cases, holds, retention, exports): a transaction around a block, instants as UTC
 * {@code DATETIME(6)} whatever the JVM's or server's zone (so an audit entry reads back exactly as it was hashed, and
 * as the ORM side writes them), and id lists as bound {@code IN (…)} parameters.
 */
public final class ArchiveSql {
  private ArchiveSql() {}

  /** Work inside one transaction on a pooled connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public static <T> T inTransaction(DataSource dataSource, Work<T> work) {
    try {
      return transaction(dataSource, work);
    } catch (SQLException e) {
      throw new IllegalStateException("archive database: " + e.getMessage(), e);
    }
  }

  /** As {@link #inTransaction}, leaving the database's refusal to the caller (after the rollback). */
  public static <T> T transaction(DataSource dataSource, Work<T> work) throws SQLException {
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
    }
  }

  /** {@code instant} as the column value (UTC, to the microsecond the column keeps); {@code null} stays {@code null}. */
  public static LocalDateTime column(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Binds {@code instant} (or SQL NULL) to parameter {@code index} as its UTC column value. */
  public static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
    statement.setObject(index, column(instant));
  }

  /** The UTC {@code DATETIME} column as an instant; {@code null} stays {@code null}. */
  public static Instant instant(ResultSet rows, String column) throws SQLException {
    LocalDateTime value = rows.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }

  /** {@code ?,?,…} for {@code count} parameters. */
  public static String placeholders(int count) {
    return String.join(",", Collections.nCopies(count, "?"));
  }

  /** Binds {@code ids} to the statement's first parameters, in order; returns the statement. */
  public static PreparedStatement bind(PreparedStatement statement, Collection<Long> ids) throws SQLException {
    bind(statement, 1, ids);
    return statement;
  }

  /** Binds {@code ids} from parameter {@code first} on, in order; returns the next free parameter index. */
  public static int bind(PreparedStatement statement, int first, Collection<Long> ids) throws SQLException {
    int index = first;
    for (long id : ids) {
      statement.setLong(index++, id);
    }
    return index;
  }

  /** Binds {@code values} to the statement's first parameters, in order; returns the statement. */
  public static PreparedStatement bindText(PreparedStatement statement, Collection<String> values) throws SQLException {
    int index = 1;
    for (String value : values) {
      statement.setString(index++, value);
    }
    return statement;
  }
}
