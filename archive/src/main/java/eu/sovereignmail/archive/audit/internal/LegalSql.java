package eu.sovereignmail.archive.audit.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

/**
 * How the legal-workflow tables (audit, cases, holds) hold values over plain JDBC: instants as UTC
 * {@code DATETIME(6)} whatever the JVM's or server's zone (so an audit entry reads back exactly as it was
 * hashed), and id lists as bound {@code IN (…)} parameters.
 */
public final class LegalSql {
  private LegalSql() {}

  /** {@code instant} as the column value (UTC, to the microsecond the column keeps). */
  public static LocalDateTime column(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
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
  public static PreparedStatement bind(PreparedStatement statement, List<Long> ids) throws SQLException {
    for (int i = 0; i < ids.size(); i++) {
      statement.setLong(i + 1, ids.get(i));
    }
    return statement;
  }
}
