package eu.sovereignmail.archive.audit.internal;

import eu.sovereignmail.archive.audit.AccessDeniedException;
import eu.sovereignmail.archive.audit.AuditEntry;
import eu.sovereignmail.archive.audit.AuditFailedException;
import eu.sovereignmail.archive.audit.AuditFormat;
import eu.sovereignmail.archive.audit.AuditLog;
import eu.sovereignmail.archive.audit.AuditPage;
import eu.sovereignmail.archive.audit.AuditQuery;
import eu.sovereignmail.archive.audit.AuditVerifyReport.Break;
import eu.sovereignmail.archive.audit.AuditVerifyReport.Kind;
import eu.sovereignmail.archive.audit.AuditVerifyReport;
import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.AuditEvent;
import eu.sovereignmail.archive.sql.ArchiveSql;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log on plain JDBC over the archive's pool (tables {@code audit_entry} and {@code audit_head}, Flyway
 * {@code V4__legal_core.sql}). Each append locks the single {@code audit_head} row (SELECT … FOR UPDATE) inside
 * its transaction, so entries are chained one at a time across threads and gateway nodes sharing the database,
 * exactly as the journal's chain head does. Changes to cases and holds run through {@link #inTransaction} so
 * the change and its audit entry commit together or not at all.
 */
public final class JdbcAuditLog implements AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditLog.class);
  private static final Pattern ACTION = Pattern.compile("[a-z][a-z_]*(\\.[a-z][a-z_]*)+");
  private static final String CUT = "…[cut]";
  private static final int PAGE = 500;
  /** The roles column's width. */
  private static final int MAX_ROLES = 1_000;
  private static final String COLUMNS =
      "seq, at, actor, roles, origin, action, target, detail, hash_version, prev_hash, entry_hash";

  private final DataSource dataSource;
  private final Clock clock;

  public JdbcAuditLog(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  // ---- writing ----

  @Override
  public void record(AuditEvent event) {
    AuditEventText text = AuditEventText.of(event);
    record(event.actor(), text.action(), text.target(), text.detail());
  }

  @Override
  public AuditEntry record(Actor actor, String action, String target, String detail) {
    checkAction(action);
    return inTransaction(actor, (connection, audit) -> audit.record(action, target, detail));
  }

  @Override
  public AccessDeniedException deny(Actor actor, String action, String target, String reason) {
    record(actor, "access.denied", target, "action=" + action + " reason=" + AuditEventText.quoted(reason));
    return new AccessDeniedException(action, target == null ? "" : target, reason);
  }

  /**
   * Runs {@code work} in one transaction whose audit entries (written through the {@link AuditWriter} it gets)
   * commit with it. The audit head is locked at the first record, so do the record last in the work.
   *
   * @throws AuditFailedException when the database refuses (the change is rolled back)
   */
  public <T> T inTransaction(Actor actor, AuditedWork<T> work) {
    try {
      return ArchiveSql.transaction(dataSource, connection -> work.run(connection,
          (action, target, detail) -> append(connection, actor, action, target, detail)));
    } catch (SQLException e) {
      LOG.warn("event=audit.write_failed actor={} error=\"{}\"", actor.name(), e.toString());
      throw new AuditFailedException("the audit log could not record the change: " + e.getMessage(), e);
    }
  }

  /** Appends one entry on {@code connection}'s open transaction: locks the head, chains, inserts, advances. */
  private AuditEntry append(Connection connection, Actor actor, String action, String target, String detail)
      throws SQLException {
    checkAction(action);
    long seq;
    String prev;
    try (PreparedStatement head = connection.prepareStatement(
        "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
        ResultSet row = head.executeQuery()) {
      if (!row.next()) {
        throw new SQLException("the audit_head row is missing: the archive schema is damaged");
      }
      seq = row.getLong(1) + 1;
      prev = row.getString(2);
    }
    CanonicalAuditEntry canonical = new CanonicalAuditEntry(CanonicalAuditEntry.CURRENT_VERSION, seq, clock.instant(),
        clip(actor.name(), 320, ""), roles(actor), clip(actor.origin(), 128, ""), action, clip(orEmpty(target), MAX_TARGET, ""),
        clip(orEmpty(detail), MAX_DETAIL, CUT), prev);
    AuditEntry entry = canonical.entry();
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_entry (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, entry.seq());
      insert.setObject(2, ArchiveSql.column(entry.at()));
      insert.setString(3, entry.actor());
      insert.setString(4, String.join(",", entry.roles()));
      insert.setString(5, entry.origin());
      insert.setString(6, entry.action());
      insert.setString(7, entry.target());
      insert.setString(8, entry.detail());
      insert.setInt(9, canonical.version());
      insert.setString(10, entry.prevHash());
      insert.setString(11, entry.hash());
      insert.executeUpdate();
    }
    try (PreparedStatement advance = connection.prepareStatement(
        "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
      advance.setLong(1, entry.seq());
      advance.setString(2, entry.hash());
      advance.executeUpdate();
    }
    LOG.info("event=audit.record seq={} actor={} origin={} action={} target={}", entry.seq(), entry.actor(),
        entry.origin(), entry.action(), entry.target());
    return entry;
  }

  private static void checkAction(String action) {
    if (action == null || action.length() > 64 || !ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("an audit action is lower-case dotted words (e.g. case.create): " + action);
    }
  }

  /**
   * Roles as stored: sorted, each without commas or white space (the column joins them with commas), as many as
   * fit the column (1,000 characters; a token with more roles than that is not expected).
   */
  private static List<String> roles(Actor actor) {
    List<String> roles = new ArrayList<>();
    int length = 0;
    for (String role : actor.roles().stream().map(r -> r.strip().replaceAll("[,\\s]", "_")).filter(r -> !r.isEmpty())
        .distinct().sorted().toList()) {
      length += role.length() + 1;
      if (length > MAX_ROLES) {
        break;
      }
      roles.add(role);
    }
    return roles;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String clip(String value, int max, String marker) {
    return value.length() <= max ? value : value.substring(0, max - marker.length()) + marker;
  }

  // ---- reading ----

  @Override
  public AuditPage list(Actor actor, AuditQuery query) {
    requireAdmin(actor, "audit.view", "audit");
    record(actor, "audit.view", "audit", describe(query));
    Filter filter = Filter.of(query);
    try (Connection connection = dataSource.getConnection()) {
      long total;
      try (PreparedStatement count = filter.prepare(connection, "SELECT COUNT(*) FROM audit_entry", "");
          ResultSet row = count.executeQuery()) {
        row.next();
        total = row.getLong(1);
      }
      List<AuditEntry> entries = new ArrayList<>();
      try (PreparedStatement select = filter.prepare(connection, "SELECT " + COLUMNS + " FROM audit_entry",
          " ORDER BY seq DESC LIMIT " + query.pageSize() + " OFFSET " + (long) (query.page() - 1) * query.pageSize());
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(read(rows).entry());
        }
      }
      return new AuditPage(total, query.page(), query.pageSize(), entries);
    } catch (SQLException e) {
      throw new AuditFailedException("the audit log could not be read: " + e.getMessage(), e);
    }
  }

  @Override
  public long export(Actor actor, AuditQuery filterQuery, AuditFormat format, OutputStream out) throws IOException {
    requireAdmin(actor, "audit.export", "audit");
    record(actor, "audit.export", "audit", "format=" + format + " " + describe(filterQuery));
    Filter filter = Filter.of(filterQuery);
    try (Connection connection = dataSource.getConnection();
        AuditExportWriter writer = new AuditExportWriter(format, out)) {
      long after = 0;
      int taken;
      do {
        taken = 0;
        try (PreparedStatement select = filter.and("seq > ?", after).prepare(connection,
            "SELECT " + COLUMNS + " FROM audit_entry", " ORDER BY seq LIMIT " + PAGE);
            ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            AuditEntry entry = read(rows).entry();
            writer.write(entry);
            after = entry.seq();
            taken++;
          }
        }
      } while (taken == PAGE);
      LOG.info("event=audit.export actor={} format={} entries={}", actor.name(), format, writer.written());
      return writer.written();
    } catch (SQLException e) {
      throw new AuditFailedException("the audit log could not be read: " + e.getMessage(), e);
    }
  }

  private static String describe(AuditQuery query) {
    StringBuilder text = new StringBuilder();
    append(text, "actor", query.actor());
    append(text, "action", query.action());
    append(text, "target", query.target());
    append(text, "from", query.from() == null ? null : query.from().toString());
    append(text, "until", query.until() == null ? null : query.until().toString());
    return text.append("page=").append(query.page()).append(" page_size=").append(query.pageSize()).toString();
  }

  private static void append(StringBuilder text, String key, String value) {
    if (value != null) {
      text.append(key).append('=').append(AuditEventText.quoted(value)).append(' ');
    }
  }

  /** A stored row as its canonical form; the stored hash is compared by the caller. */
  private static CanonicalAuditEntry read(ResultSet row) throws SQLException {
    String roles = row.getString("roles");
    return new CanonicalAuditEntry(row.getInt("hash_version"), row.getLong("seq"),
        ArchiveSql.instant(row, "at"), row.getString("actor"),
        roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")), row.getString("origin"), row.getString("action"),
        row.getString("target"), row.getString("detail"), row.getString("prev_hash"));
  }

  // ---- verify ----

  @Override
  public AuditVerifyReport verify() {
    long started = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      // One read transaction: InnoDB's consistent snapshot, so appends beside the walk do not disturb it.
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      long headSeq;
      String headHash;
      try (PreparedStatement head = connection.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
          ResultSet row = head.executeQuery()) {
        if (!row.next()) {
          return report(0, new Break(0, Kind.HEAD_MISMATCH, "the audit_head row is missing"), started);
        }
        headSeq = row.getLong(1);
        headHash = row.getString(2);
      }
      ChainWalk walk = new ChainWalk();
      int taken;
      do {
        taken = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
            + " FROM audit_entry WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT " + PAGE)) {
          select.setLong(1, walk.expectedSeq - 1);
          select.setLong(2, headSeq);
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              walk.accept(rows);
              taken++;
            }
          }
        }
      } while (taken == PAGE);
      connection.commit();
      walk.finish(headSeq, headHash);
      return report(walk.entries, walk.firstBreak, started);
    } catch (SQLException e) {
      throw new AuditFailedException("the audit log could not be read: " + e.getMessage(), e);
    }
  }

  private static AuditVerifyReport report(long entries, Break firstBreak, long started) {
    AuditVerifyReport report = new AuditVerifyReport(entries, Optional.ofNullable(firstBreak));
    if (firstBreak == null) {
      LOG.info("event=audit.verify entries={} clean=true ms={}", entries, (System.nanoTime() - started) / 1_000_000);
    } else {
      LOG.warn("event=audit.verify entries={} clean=false break_seq={} kind={} reason=\"{}\"", entries,
          firstBreak.seq(), firstBreak.kind(), firstBreak.reason());
    }
    return report;
  }

  /** The running state of a chain walk: where the next entry must be, and the first break seen. */
  private static final class ChainWalk {
    long entries;
    long expectedSeq = 1;
    String expectedPrev = CanonicalAuditEntry.GENESIS_HASH;
    Break firstBreak;

    void accept(ResultSet row) throws SQLException {
      entries++;
      long seq = row.getLong("seq");
      String stored = row.getString("entry_hash");
      if (firstBreak == null) {
        firstBreak = problemWith(row, seq, stored);
      }
      expectedSeq = seq + 1;
      expectedPrev = stored;
    }

    private Break problemWith(ResultSet row, long seq, String stored) throws SQLException {
      if (seq != expectedSeq) {
        return new Break(expectedSeq, Kind.MISSING, seq - expectedSeq == 1
            ? "entry " + expectedSeq + " is missing: deleted"
            : "entries " + expectedSeq + " to " + (seq - 1) + " are missing: deleted");
      }
      String recomputed;
      try {
        recomputed = read(row).hash();
      } catch (RuntimeException e) {
        return new Break(seq, Kind.ALTERED, "entry " + seq + " cannot be read as an audit entry: " + e.getMessage());
      }
      if (!recomputed.equals(stored)) {
        return new Break(seq, Kind.ALTERED, "entry " + seq + " does not match its hash: altered");
      }
      if (!row.getString("prev_hash").equals(expectedPrev)) {
        return new Break(seq, Kind.BROKEN_LINK, "entry " + seq + " does not link to the hash of entry " + (seq - 1)
            + ": entry " + (seq - 1) + " was rewritten");
      }
      return null;
    }

    void finish(long headSeq, String headHash) {
      if (firstBreak != null) {
        return;
      }
      if (expectedSeq - 1 != headSeq) {
        firstBreak = new Break(expectedSeq, Kind.MISSING, "entries " + expectedSeq + " to " + headSeq
            + " are missing: the head names entry " + headSeq);
      } else if (!expectedPrev.equals(headHash)) {
        firstBreak = new Break(headSeq, Kind.HEAD_MISMATCH, "the audit head's hash does not match entry " + headSeq);
      }
    }
  }

  /** A WHERE clause built from a query's filters, with its parameters in order. */
  private record Filter(List<String> conditions, List<Object> parameters) {
    static Filter of(AuditQuery query) {
      Filter filter = new Filter(List.of(), List.of());
      if (query.actor() != null) {
        filter = filter.and("actor = ?", query.actor());
      }
      if (query.action() != null) {
        filter = query.action().endsWith(".")
            ? filter.and("action LIKE ?", query.action().replace("_", "\\_").replace("%", "\\%") + "%")
            : filter.and("action = ?", query.action());
      }
      if (query.target() != null) {
        filter = filter.and("target = ?", query.target());
      }
      if (query.from() != null) {
        filter = filter.and("at >= ?", ArchiveSql.column(query.from()));
      }
      if (query.until() != null) {
        filter = filter.and("at < ?", ArchiveSql.column(query.until()));
      }
      return filter;
    }

    Filter and(String condition, Object parameter) {
      List<String> c = new ArrayList<>(conditions);
      c.add(condition);
      List<Object> p = new ArrayList<>(parameters);
      p.add(parameter);
      return new Filter(c, p);
    }

    PreparedStatement prepare(Connection connection, String select, String tail) throws SQLException {
      String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
      PreparedStatement statement = connection.prepareStatement(select + where + tail);
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      return statement;
    }
  }
}
