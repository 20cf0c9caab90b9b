package eu.sovereignmail.archive.holds.internal;

import static eu.sovereignmail.archive.sql.ArchiveSql.bind;
import static eu.sovereignmail.archive.sql.ArchiveSql.column;
import static eu.sovereignmail.archive.sql.ArchiveSql.instant;
import static eu.sovereignmail.archive.sql.ArchiveSql.placeholders;

import eu.sovereignmail.archive.audit.AuditFailedException;
import eu.sovereignmail.archive.audit.internal.AuditEventText;
import eu.sovereignmail.archive.audit.internal.JdbcAuditLog;
import eu.sovereignmail.archive.cases.CaseStatus;
import eu.sovereignmail.archive.cases.Cases;
import eu.sovereignmail.archive.cases.internal.JdbcCases;
import eu.sovereignmail.archive.holds.Hold;
import eu.sovereignmail.archive.holds.HoldKind;
import eu.sovereignmail.archive.holds.HoldNotFoundException;
import eu.sovereignmail.archive.holds.Holds;
import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.ArchiveSearch;
import eu.sovereignmail.archive.search.QueryParser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds on plain JDBC over the archive's pool (table {@code legal_hold}); the hold check reads the search
 * metadata ({@code archived_message}, {@code archived_recipient}, {@code archived_copy}, {@code journal_entry})
 * for custodian holds and asks the index for query holds.
 */
public final class JdbcHolds implements Holds {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcHolds.class);
  private static final int CHUNK = 500;
  private static final String COLUMNS = "id, case_ref, kind, address, from_day, to_day, query, placed_by, placed_at, "
      + "released_by, released_at, release_reason";

  private final DataSource dataSource;
  private final JdbcAuditLog audit;
  private final Cases cases;
  private final Supplier<ArchiveSearch> search;
  private final Clock clock;

  public JdbcHolds(DataSource dataSource, JdbcAuditLog audit, Cases cases, Supplier<ArchiveSearch> search, Clock clock) {
    this.dataSource = dataSource;
    this.audit = audit;
    this.cases = cases;
    this.search = search;
    this.clock = clock;
  }

  // ---- placing and releasing ----

  @Override
  public Hold placeCustodianHold(Actor actor, long caseId, String address, Optional<LocalDate> from,
      Optional<LocalDate> to) {
    cases.requireAccess(actor, caseId, "hold.place");
    String custodian = JdbcCases.custodianAddress(address);
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      throw new IllegalArgumentException("from must be on or before to");
    }
    String detail = "kind=CUSTODIAN address=" + AuditEventText.quoted(custodian)
        + from.map(d -> " from=" + d).orElse("") + to.map(d -> " to=" + d).orElse("");
    return place(actor, caseId, HoldKind.CUSTODIAN, custodian, from.orElse(null), to.orElse(null), null, detail);
  }

  @Override
  public Hold placeQueryHold(Actor actor, long caseId, String query) {
    cases.requireAccess(actor, caseId, "hold.place");
    QueryParser.parse(query); // a QuerySyntaxException with the position
    return place(actor, caseId, HoldKind.QUERY, null, null, null, query,
        "kind=QUERY query=" + AuditEventText.quoted(query));
  }

  private Hold place(Actor actor, long caseId, HoldKind kind, String address, LocalDate from, LocalDate to, String query,
      String detail) {
    Hold hold = audit.inTransaction(actor, (connection, record) -> {
      if (JdbcCases.lockCase(connection, caseId) == CaseStatus.CLOSED) {
        throw new IllegalStateException("case " + caseId + " is closed: reopen it to place a hold");
      }
      long id;
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO legal_hold (case_ref, kind, address, "
          + "from_day, to_day, query, placed_by, placed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          PreparedStatement.RETURN_GENERATED_KEYS)) {
        insert.setLong(1, caseId);
        insert.setString(2, kind.name());
        insert.setString(3, address);
        insert.setObject(4, from);
        insert.setObject(5, to);
        insert.setString(6, query);
        insert.setString(7, actor.name());
        insert.setObject(8, column(clock.instant()));
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      record.record("hold.place", "case:" + caseId, "hold=" + id + " " + detail);
      return find(connection, id, false);
    });
    LOG.info("event=hold.place hold={} case={} kind={} actor={}", hold.id(), caseId, kind, actor.name());
    return hold;
  }

  @Override
  public Hold release(Actor actor, long holdId, String reason) {
    audit.requireAdmin(actor, "hold.release", "hold:" + holdId);
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty() || why.length() > 2_000) {
      throw new IllegalArgumentException("reason must be 1 to 2000 characters: say why the hold ends");
    }
    Hold hold = audit.inTransaction(actor, (connection, record) -> {
      Hold current = find(connection, holdId, true);
      if (!current.active()) {
        throw new IllegalStateException("hold " + holdId + " was released already, on " + current.releasedAt());
      }
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE legal_hold SET released_by = ?, released_at = ?, release_reason = ? WHERE id = ?")) {
        update.setString(1, actor.name());
        update.setObject(2, column(clock.instant()));
        update.setString(3, why);
        update.setLong(4, holdId);
        update.executeUpdate();
      }
      record.record("hold.release", "case:" + current.caseId(), "hold=" + holdId + " reason=" + AuditEventText.quoted(why));
      return find(connection, holdId, false);
    });
    LOG.info("event=hold.release hold={} case={} actor={}", holdId, hold.caseId(), actor.name());
    return hold;
  }

  @Override
  public List<Hold> list(Actor actor, long caseId) {
    cases.requireAccess(actor, caseId, "hold.view");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM legal_hold WHERE case_ref = ? ORDER BY id")) {
      select.setLong(1, caseId);
      return holds(select);
    } catch (SQLException e) {
      throw readFailed(e);
    }
  }

  private static Hold find(Connection connection, long holdId, boolean lock) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + COLUMNS + " FROM legal_hold WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
      select.setLong(1, holdId);
      List<Hold> found = holds(select);
      if (found.isEmpty()) {
        throw new HoldNotFoundException(holdId);
      }
      return found.get(0);
    }
  }

  private static List<Hold> holds(PreparedStatement select) throws SQLException {
    List<Hold> holds = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        holds.add(new Hold(rows.getLong("id"), rows.getLong("case_ref"), HoldKind.valueOf(rows.getString("kind")),
            rows.getString("address"), rows.getObject("from_day", LocalDate.class),
            rows.getObject("to_day", LocalDate.class), rows.getString("query"), rows.getString("placed_by"),
            instant(rows, "placed_at"), rows.getString("released_by"), instant(rows, "released_at"),
            rows.getString("release_reason")));
      }
    }
    return holds;
  }

  private static AuditFailedException readFailed(SQLException e) {
    return new AuditFailedException("the hold records could not be read: " + e.getMessage(), e);
  }

  // ---- the hold check ----

  @Override
  public Set<Long> held(Collection<Long> archivedMessageIds) {
    if (archivedMessageIds.isEmpty()) {
      return Set.of();
    }
    List<Long> ids = List.copyOf(new LinkedHashSet<>(archivedMessageIds));
    try (Connection connection = dataSource.getConnection()) {
      List<Hold> active;
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + COLUMNS + " FROM legal_hold WHERE released_at IS NULL ORDER BY id")) {
        active = holds(select);
      }
      if (active.isEmpty()) {
        return Set.of();
      }
      Set<Long> queryMatches = new HashSet<>();
      long indexedThrough = Long.MAX_VALUE;
      List<String> queries = active.stream().filter(h -> h.kind() == HoldKind.QUERY).map(Hold::query).distinct().toList();
      if (!queries.isEmpty()) {
        ArchiveSearch index = search.get();
        // The mark first: whatever the index takes in after it is already in the query's answer or counted as held.
        indexedThrough = index.status().indexedThrough();
        queries.forEach(query -> queryMatches.addAll(index.matchingIds(query)));
      }
      Set<Long> held = new HashSet<>();
      for (int start = 0; start < ids.size(); start += CHUNK) {
        List<Long> chunk = ids.subList(start, Math.min(ids.size(), start + CHUNK));
        held.addAll(HoldMatcher.held(active, subjects(connection, chunk), queryMatches, indexedThrough));
      }
      LOG.info("event=hold.check asked={} held={} active_holds={}", ids.size(), held.size(), active.size());
      return held;
    } catch (SQLException e) {
      throw readFailed(e);
    }
  }

  /** The addresses, dates and newest copy of each archived message in {@code ids}. */
  private static List<HoldMatcher.Subject> subjects(Connection connection, List<Long> ids) throws SQLException {
    String in = placeholders(ids.size());
    Map<Long, Set<String>> addresses = new HashMap<>();
    Map<Long, List<Instant>> dates = new HashMap<>();
    Map<Long, Long> lastSeq = new HashMap<>();
    try (PreparedStatement select = bind(connection.prepareStatement(
        "SELECT id, from_address, sent_at, first_received_at FROM archived_message WHERE id IN (" + in + ")"), ids);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        long id = rows.getLong(1);
        Set<String> set = addresses.computeIfAbsent(id, k -> new HashSet<>());
        addAddress(set, rows.getString(2));
        List<Instant> list = dates.computeIfAbsent(id, k -> new ArrayList<>());
        addDate(list, instant(rows, "sent_at"));
        addDate(list, instant(rows, "first_received_at"));
        lastSeq.put(id, 0L);
      }
    }
    try (PreparedStatement select = bind(connection.prepareStatement(
        "SELECT archived_ref, address FROM archived_recipient WHERE archived_ref IN (" + in + ")"), ids);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        addAddress(addresses.computeIfAbsent(rows.getLong(1), k -> new HashSet<>()), rows.getString(2));
      }
    }
    try (PreparedStatement select = bind(connection.prepareStatement(
        "SELECT c.archived_ref, c.entry_seq, c.received_at, e.mail_from FROM archived_copy c "
            + "JOIN journal_entry e ON e.seq = c.entry_seq WHERE c.archived_ref IN (" + in + ")"), ids);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        long id = rows.getLong(1);
        lastSeq.merge(id, rows.getLong(2), Math::max);
        addDate(dates.computeIfAbsent(id, k -> new ArrayList<>()), instant(rows, "received_at"));
        addAddress(addresses.computeIfAbsent(id, k -> new HashSet<>()), rows.getString(4));
      }
    }
    List<HoldMatcher.Subject> subjects = new ArrayList<>();
    for (Map.Entry<Long, Long> entry : lastSeq.entrySet()) {
      long id = entry.getKey();
      subjects.add(new HoldMatcher.Subject(id, addresses.getOrDefault(id, Set.of()), dates.getOrDefault(id, List.of()),
          entry.getValue()));
    }
    return subjects;
  }

  private static void addAddress(Set<String> addresses, String address) {
    if (address != null && !address.isBlank()) {
      addresses.add(address.strip().toLowerCase(Locale.ROOT));
    }
  }

  private static void addDate(List<Instant> dates, Instant date) {
    if (date != null) {
      dates.add(date);
    }
  }
}
