package eu.sovereignmail.archive.cases.internal;

import static eu.sovereignmail.archive.sql.ArchiveSql.bind;
import static eu.sovereignmail.archive.sql.ArchiveSql.column;
import static eu.sovereignmail.archive.sql.ArchiveSql.instant;
import static eu.sovereignmail.archive.sql.ArchiveSql.placeholders;

import eu.sovereignmail.archive.audit.AccessRules;
import eu.sovereignmail.archive.audit.AuditFailedException;
import eu.sovereignmail.archive.audit.internal.AuditEventText;
import eu.sovereignmail.archive.audit.internal.JdbcAuditLog;
import eu.sovereignmail.archive.cases.CaseNote;
import eu.sovereignmail.archive.cases.CaseNotFoundException;
import eu.sovereignmail.archive.cases.CaseStatus;
import eu.sovereignmail.archive.cases.Cases;
import eu.sovereignmail.archive.cases.LegalCase;
import eu.sovereignmail.archive.cases.SavedSearch;
import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.QueryParser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Cases on plain JDBC over the archive's pool (tables {@code legal_case}, {@code case_member},
 * {@code case_custodian}, {@code case_saved_search}, {@code case_note}). Access is checked before each call (a
 * refusal is audited on its own); each change then runs in one transaction that locks the case row and writes
 * its audit entry last.
 */
public final class JdbcCases implements Cases {
  private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>,;\"]+@[^\\s@<>,;\"]+");
  private static final Pattern USERNAME = Pattern.compile("[^\\s,]{1,320}");

  private final DataSource dataSource;
  /** Message ids checked in one query by {@link #readable}. */
  private static final int READABLE_CHUNK = 500;

  private final JdbcAuditLog audit;
  private final Clock clock;

  public JdbcCases(DataSource dataSource, JdbcAuditLog audit, Clock clock) {
    this.dataSource = dataSource;
    this.audit = audit;
    this.clock = clock;
  }

  // ---- validation (pure, shared with holds) ----

  /** A custodian address as kept: stripped, lower case, one addr-spec. */
  public static String custodianAddress(String address) {
    String value = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    if (value.length() > 320 || !ADDRESS.matcher(value).matches()) {
      throw new IllegalArgumentException("address must be one e-mail address such as alice@example.eu");
    }
    return value;
  }

  static String caseName(String name) {
    String value = name == null ? "" : name.strip();
    if (value.isEmpty() || value.length() > MAX_NAME || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("name must be 1 to " + MAX_NAME + " characters on one line");
    }
    return value;
  }

  static String text(String field, String value, boolean required) {
    String text = value == null ? "" : value.strip();
    if (required && text.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException(field + " must be at most " + MAX_TEXT + " characters");
    }
    return text;
  }

  static String username(String username) {
    String value = username == null ? "" : AccessRules.memberName(username);
    if (!USERNAME.matcher(value).matches()) {
      throw new IllegalArgumentException("username must be a user name without spaces or commas");
    }
    return value;
  }

  // ---- access ----

  @Override
  public void requireAccess(Actor actor, long caseId, String action) {
    String target = target(caseId);
    Optional<List<String>> members = members(caseId);
    if (members.isEmpty() && AccessRules.isAdmin(actor)) {
      throw new CaseNotFoundException(caseId);
    }
    Optional<String> refusal = AccessRules.refusalForCase(actor, members.orElse(List.of()));
    if (refusal.isPresent()) {
      throw audit.deny(actor, action, target, refusal.get());
    }
  }

  @Override
  public boolean permits(Actor actor, long caseId) {
    return members(caseId).map(members -> AccessRules.refusalForCase(actor, members).isEmpty()).orElse(false);
  }

  @Override
  public Optional<Set<String>> custodianScope(Actor actor, String action) {
    if (AccessRules.isAdmin(actor) || !AccessRules.isLegal(actor)) {
      return Optional.empty();
    }
    Set<String> custodians = read(connection -> {
      Set<String> found = new TreeSet<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT cc.address FROM case_custodian cc "
          + "JOIN case_member m ON m.case_ref = cc.case_ref JOIN legal_case c ON c.id = cc.case_ref "
          + "WHERE m.username = ? AND c.status = 'OPEN'")) {
        select.setString(1, AccessRules.memberName(actor.name()));
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            found.add(rows.getString(1));
          }
        }
      }
      return found;
    });
    if (custodians.isEmpty()) {
      throw audit.deny(actor, action, "archive", "a legal user searches and reads the mail of the custodians of "
          + "their open cases, and you have none: ask a legal administrator to add you to a case with custodians");
    }
    return Optional.of(custodians);
  }

  @Override
  public void requireReadable(Actor actor, long messageId, String action) {
    Optional<Set<String>> scope = custodianScope(actor, action);
    if (scope.isEmpty()) {
      return;
    }
    List<String> custodians = List.copyOf(scope.get());
    // Empty: no such message (the caller answers "not found"); else whether it involves a custodian.
    Optional<Boolean> involved = read(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT " + involvesAny(custodians.size())
          + " FROM archived_message m WHERE m.id = ?")) {
        select.setLong(bindCustodians(select, 1, custodians), messageId);
        try (ResultSet row = select.executeQuery()) {
          return row.next() ? Optional.of(row.getBoolean(1)) : Optional.empty();
        }
      }
    });
    if (involved.isPresent() && !involved.get()) {
      throw audit.deny(actor, action, "message:" + messageId,
          "the message involves none of the custodians of your open cases");
    }
  }

  @Override
  public Set<Long> readable(Actor actor, Collection<Long> messageIds, String action) {
    Optional<Set<String>> scope = custodianScope(actor, action);
    if (scope.isEmpty()) {
      return Set.copyOf(messageIds);
    }
    List<String> custodians = List.copyOf(scope.get());
    List<Long> ids = List.copyOf(new TreeSet<>(messageIds));
    Set<Long> readable = new TreeSet<>();
    for (int start = 0; start < ids.size(); start += READABLE_CHUNK) {
      List<Long> chunk = ids.subList(start, Math.min(ids.size(), start + READABLE_CHUNK));
      readable.addAll(read(connection -> {
        Set<Long> found = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT m.id FROM archived_message m WHERE m.id IN ("
            + placeholders(chunk.size()) + ") AND " + involvesAny(custodians.size()))) {
          bindCustodians(select, bind(select, 1, chunk), custodians);
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              found.add(rows.getLong(1));
            }
          }
        }
        return found;
      }));
    }
    return readable;
  }

  /**
   * SQL that is true when message {@code m} involves one of {@code count} custodians bound in order three times (see
   * {@link #bindCustodians}): the addresses holds match too, its sender, header and envelope recipients, and the
   * envelope sender of each journal copy, compared in lower case as custodians are kept.
   */
  private static String involvesAny(int count) {
    String in = placeholders(count);
    return "(LOWER(m.from_address) IN (" + in + ") "
        + "OR EXISTS (SELECT 1 FROM archived_recipient r WHERE r.archived_ref = m.id AND LOWER(r.address) IN (" + in + ")) "
        + "OR EXISTS (SELECT 1 FROM archived_copy c JOIN journal_entry e ON e.seq = c.entry_seq "
        + "WHERE c.archived_ref = m.id AND LOWER(e.mail_from) IN (" + in + ")))";
  }

  /** Binds {@code custodians} for {@link #involvesAny} from parameter {@code first}; returns the next index. */
  private static int bindCustodians(PreparedStatement statement, int first, List<String> custodians) throws SQLException {
    int next = first;
    for (int round = 0; round < 3; round++) {
      for (String custodian : custodians) {
        statement.setString(next++, custodian);
      }
    }
    return next;
  }

  /** The members of case {@code caseId}; empty when there is no such case. */
  private Optional<List<String>> members(long caseId) {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM legal_case WHERE id = ?")) {
        exists.setLong(1, caseId);
        try (ResultSet row = exists.executeQuery()) {
          if (!row.next()) {
            return Optional.empty();
          }
        }
      }
      List<String> members = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT username FROM case_member WHERE case_ref = ?")) {
        select.setLong(1, caseId);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            members.add(rows.getString(1));
          }
        }
      }
      return Optional.of(members);
    } catch (SQLException e) {
      throw readFailed(e);
    }
  }

  static String target(long caseId) {
    return "case:" + caseId;
  }

  // ---- reading ----

  @Override
  public LegalCase get(Actor actor, long caseId) {
    requireAccess(actor, caseId, "case.view");
    return read(connection -> load(connection, List.of(caseId)).get(0));
  }

  @Override
  public List<LegalCase> list(Actor actor) {
    audit.requireLegal(actor, "case.list", "cases");
    boolean admin = AccessRules.isAdmin(actor);
    return read(connection -> {
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(admin
          ? "SELECT id FROM legal_case ORDER BY id DESC"
          : "SELECT c.id FROM legal_case c JOIN case_member m ON m.case_ref = c.id WHERE m.username = ? ORDER BY c.id DESC")) {
        if (!admin) {
          select.setString(1, AccessRules.memberName(actor.name()));
        }
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getLong(1));
          }
        }
      }
      return load(connection, ids);
    });
  }

  @FunctionalInterface
  private interface Read<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T read(Read<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw readFailed(e);
    }
  }

  private static AuditFailedException readFailed(SQLException e) {
    return new AuditFailedException("the case records could not be read: " + e.getMessage(), e);
  }

  /** The cases with these ids, in this order, with everything that hangs off them. */
  private static List<LegalCase> load(Connection connection, List<Long> ids) throws SQLException {
    if (ids.isEmpty()) {
      return List.of();
    }
    String in = placeholders(ids.size());
    Map<Long, List<String>> members = strings(connection, "SELECT case_ref, username FROM case_member WHERE case_ref IN ("
        + in + ") ORDER BY case_ref, username", ids);
    Map<Long, List<String>> custodians = strings(connection, "SELECT case_ref, address FROM case_custodian WHERE case_ref IN ("
        + in + ") ORDER BY case_ref, address", ids);
    Map<Long, List<SavedSearch>> searches = new HashMap<>();
    try (PreparedStatement select = bind(connection.prepareStatement("SELECT case_ref, id, name, query, created_by, "
        + "created_at FROM case_saved_search WHERE case_ref IN (" + in + ") ORDER BY id"), ids);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        searches.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(new SavedSearch(rows.getLong(2),
            rows.getString(3), rows.getString(4), rows.getString(5), instant(rows, "created_at")));
      }
    }
    Map<Long, List<CaseNote>> notes = new HashMap<>();
    try (PreparedStatement select = bind(connection.prepareStatement("SELECT case_ref, id, author, created_at, body "
        + "FROM case_note WHERE case_ref IN (" + in + ") ORDER BY id"), ids);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        notes.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(new CaseNote(rows.getLong(2),
            rows.getString(3), instant(rows, "created_at"), rows.getString(5)));
      }
    }
    Map<Long, LegalCase> cases = new LinkedHashMap<>();
    try (PreparedStatement select = bind(connection.prepareStatement("SELECT id, name, description, status, created_by, "
        + "created_at FROM legal_case WHERE id IN (" + in + ")"), ids);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        long id = rows.getLong(1);
        cases.put(id, new LegalCase(id, rows.getString(2), rows.getString(3), CaseStatus.valueOf(rows.getString(4)),
            rows.getString(5), instant(rows, "created_at"), members.getOrDefault(id, List.of()),
            custodians.getOrDefault(id, List.of()), searches.getOrDefault(id, List.of()), notes.getOrDefault(id, List.of())));
      }
    }
    return ids.stream().filter(cases::containsKey).map(cases::get).toList();
  }

  private static Map<Long, List<String>> strings(Connection connection, String sql, List<Long> ids) throws SQLException {
    Map<Long, List<String>> values = new HashMap<>();
    try (PreparedStatement select = bind(connection.prepareStatement(sql), ids); ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        values.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(rows.getString(2));
      }
    }
    return values;
  }

  // ---- changing ----

  @Override
  public LegalCase create(Actor actor, String name, String description) {
    audit.requireLegal(actor, "case.create", "cases");
    String caseName = caseName(name);
    String text = text("description", description, false);
    String creator = AccessRules.memberName(actor.name());
    return audit.inTransaction(actor, (connection, record) -> {
      LocalDateTime now = column(clock.instant());
      long id;
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO legal_case (name, description, status, "
          + "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", PreparedStatement.RETURN_GENERATED_KEYS)) {
        insert.setString(1, caseName);
        insert.setString(2, text);
        insert.setString(3, CaseStatus.OPEN.name());
        insert.setString(4, actor.name());
        insert.setObject(5, now);
        insert.setObject(6, now);
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      } catch (SQLIntegrityConstraintViolationException e) {
        throw new IllegalArgumentException("a case named \"" + caseName + "\" exists already");
      }
      insertMember(connection, id, creator, actor, now);
      record.record("case.create", target(id), "name=" + AuditEventText.quoted(caseName));
      return load(connection, List.of(id)).get(0);
    });
  }

  @Override
  public LegalCase update(Actor actor, long caseId, String name, String description, CaseStatus status) {
    requireAccess(actor, caseId, "case.update");
    String caseName = caseName(name);
    String text = text("description", description, false);
    if (status == null) {
      throw new IllegalArgumentException("status must be OPEN or CLOSED");
    }
    return change(actor, caseId, (connection, now) -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE legal_case SET name = ?, description = ?, status = ?, updated_at = ? WHERE id = ?")) {
        update.setString(1, caseName);
        update.setString(2, text);
        update.setString(3, status.name());
        update.setObject(4, now);
        update.setLong(5, caseId);
        update.executeUpdate();
      } catch (SQLIntegrityConstraintViolationException e) {
        throw new IllegalArgumentException("a case named \"" + caseName + "\" exists already");
      }
      return "change=details name=" + AuditEventText.quoted(caseName) + " status=" + status;
    });
  }

  @Override
  public LegalCase addMember(Actor actor, long caseId, String username) {
    requireAccess(actor, caseId, "case.update");
    String member = username(username);
    return change(actor, caseId, (connection, now) -> {
      try {
        insertMember(connection, caseId, member, actor, now);
      } catch (SQLIntegrityConstraintViolationException e) {
        throw new IllegalArgumentException(member + " is a member of case " + caseId + " already");
      }
      return "change=member_added username=" + AuditEventText.quoted(member);
    });
  }

  @Override
  public LegalCase removeMember(Actor actor, long caseId, String username) {
    requireAccess(actor, caseId, "case.update");
    String member = username(username);
    return change(actor, caseId, (connection, now) -> {
      delete(connection, "DELETE FROM case_member WHERE case_ref = ? AND username = ?", caseId, member,
          member + " is not a member of case " + caseId);
      return "change=member_removed username=" + AuditEventText.quoted(member);
    });
  }

  @Override
  public LegalCase addCustodian(Actor actor, long caseId, String address) {
    requireAccess(actor, caseId, "case.update");
    String custodian = custodianAddress(address);
    return change(actor, caseId, (connection, now) -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO case_custodian (case_ref, address, added_by, added_at) VALUES (?, ?, ?, ?)")) {
        insert.setLong(1, caseId);
        insert.setString(2, custodian);
        insert.setString(3, actor.name());
        insert.setObject(4, now);
        insert.executeUpdate();
      } catch (SQLIntegrityConstraintViolationException e) {
        throw new IllegalArgumentException(custodian + " is a custodian of case " + caseId + " already");
      }
      return "change=custodian_added address=" + AuditEventText.quoted(custodian);
    });
  }

  @Override
  public LegalCase removeCustodian(Actor actor, long caseId, String address) {
    requireAccess(actor, caseId, "case.update");
    String custodian = custodianAddress(address);
    return change(actor, caseId, (connection, now) -> {
      delete(connection, "DELETE FROM case_custodian WHERE case_ref = ? AND address = ?", caseId, custodian,
          custodian + " is not a custodian of case " + caseId);
      return "change=custodian_removed address=" + AuditEventText.quoted(custodian);
    });
  }

  @Override
  public LegalCase saveSearch(Actor actor, long caseId, String name, String query) {
    requireAccess(actor, caseId, "case.update");
    String searchName = caseName(name);
    QueryParser.parse(query); // a QuerySyntaxException with the position
    return change(actor, caseId, (connection, now) -> {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO case_saved_search (case_ref, name, query, "
          + "created_by, created_at) VALUES (?, ?, ?, ?, ?)")) {
        insert.setLong(1, caseId);
        insert.setString(2, searchName);
        insert.setString(3, query);
        insert.setString(4, actor.name());
        insert.setObject(5, now);
        insert.executeUpdate();
      } catch (SQLIntegrityConstraintViolationException e) {
        throw new IllegalArgumentException("case " + caseId + " has a saved search named \"" + searchName + "\" already");
      }
      return "change=search_saved name=" + AuditEventText.quoted(searchName) + " query=" + AuditEventText.quoted(query);
    });
  }

  @Override
  public LegalCase removeSearch(Actor actor, long caseId, long savedSearchId) {
    requireAccess(actor, caseId, "case.update");
    return change(actor, caseId, (connection, now) -> {
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM case_saved_search WHERE case_ref = ? AND id = ?")) {
        delete.setLong(1, caseId);
        delete.setLong(2, savedSearchId);
        if (delete.executeUpdate() == 0) {
          throw new IllegalArgumentException("case " + caseId + " has no saved search " + savedSearchId);
        }
      }
      return "change=search_removed saved_search=" + savedSearchId;
    });
  }

  @Override
  public LegalCase addNote(Actor actor, long caseId, String text) {
    requireAccess(actor, caseId, "case.update");
    String note = text("note", text, true);
    return change(actor, caseId, (connection, now) -> {
      long id;
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO case_note (case_ref, body, author, created_at) VALUES (?, ?, ?, ?)",
          PreparedStatement.RETURN_GENERATED_KEYS)) {
        insert.setLong(1, caseId);
        insert.setString(2, note);
        insert.setString(3, actor.name());
        insert.setObject(4, now);
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      return "change=note_added note=" + id + " length=" + note.length();
    });
  }

  /** One change to a case the actor may work in: the case row locked, the change, its audit entry, commit. */
  @FunctionalInterface
  private interface Change {
    /** Makes the change; returns the audit detail. */
    String apply(Connection connection, LocalDateTime now) throws SQLException;
  }

  private LegalCase change(Actor actor, long caseId, Change change) {
    return audit.inTransaction(actor, (connection, record) -> {
      lockCase(connection, caseId);
      LocalDateTime now = column(clock.instant());
      String detail = change.apply(connection, now);
      try (PreparedStatement touch = connection.prepareStatement("UPDATE legal_case SET updated_at = ? WHERE id = ?")) {
        touch.setObject(1, now);
        touch.setLong(2, caseId);
        touch.executeUpdate();
      }
      record.record("case.update", target(caseId), detail);
      return load(connection, List.of(caseId)).get(0);
    });
  }

  /** Locks the case row for the transaction; returns its status. */
  public static CaseStatus lockCase(Connection connection, long caseId) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement("SELECT status FROM legal_case WHERE id = ? FOR UPDATE")) {
      lock.setLong(1, caseId);
      try (ResultSet row = lock.executeQuery()) {
        if (!row.next()) {
          throw new CaseNotFoundException(caseId);
        }
        return CaseStatus.valueOf(row.getString(1));
      }
    }
  }

  private static void insertMember(Connection connection, long caseId, String member, Actor actor, LocalDateTime now)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO case_member (case_ref, username, added_by, added_at) VALUES (?, ?, ?, ?)")) {
      insert.setLong(1, caseId);
      insert.setString(2, member);
      insert.setString(3, actor.name());
      insert.setObject(4, now);
      insert.executeUpdate();
    }
  }

  private static void delete(Connection connection, String sql, long caseId, String value, String notThere)
      throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setLong(1, caseId);
      delete.setString(2, value);
      if (delete.executeUpdate() == 0) {
        throw new IllegalArgumentException(notThere);
      }
    }
  }
}
