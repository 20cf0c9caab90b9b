package eu.sovereignmail.archive.retention.internal;

import eu.sovereignmail.archive.sql.ArchiveSql;
import eu.sovereignmail.archive.retention.DueSummary;
import eu.sovereignmail.archive.retention.PurgeProposal;
import eu.sovereignmail.archive.retention.RetentionPolicy;
import eu.sovereignmail.archive.retention.Tombstone;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The retention tables' reads and writes (policies, what is due, proposals and their messages, tombstones)
 * and the query that finds the messages a policy may purge; all on a connection the caller's transaction owns.
 */
public final class RetentionTables {
  /** Archived messages read per round trip. */
  static final int PAGE = 500;

  private RetentionTables() {}

  // ---- policies

  public static List<RetentionPolicy> policies(Connection c) throws SQLException {
    List<RetentionPolicy> found = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT id, scope, target, keep_period, created_by, created_at FROM retention_policy ORDER BY scope, target");
        ResultSet row = s.executeQuery()) {
      while (row.next()) {
        found.add(new RetentionPolicy(row.getLong("id"), RetentionPolicy.Scope.valueOf(row.getString("scope")),
            row.getString("target"), Period.parse(row.getString("keep_period")), row.getString("created_by"),
            ArchiveSql.instant(row, "created_at")));
      }
    }
    return found;
  }

  public static Optional<RetentionPolicy> policy(Connection c, long id) throws SQLException {
    return policies(c).stream().filter(p -> p.id() == id).findFirst();
  }

  /** Inserts or replaces the policy for {@code (scope, target)}; returns it with its id. */
  public static RetentionPolicy upsertPolicy(Connection c, RetentionPolicy policy) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO retention_policy (scope, target, keep_period, created_by, created_at) VALUES (?, ?, ?, ?, ?)"
            + " ON DUPLICATE KEY UPDATE keep_period = VALUES(keep_period), created_by = VALUES(created_by),"
            + " created_at = VALUES(created_at)")) {
      s.setString(1, policy.scope().name());
      s.setString(2, policy.target());
      s.setString(3, policy.keep().toString());
      s.setString(4, policy.createdBy());
      ArchiveSql.setInstant(s, 5, policy.createdAt());
      s.executeUpdate();
    }
    return policies(c).stream().filter(p -> p.scope() == policy.scope() && p.target().equals(policy.target()))
        .findFirst().orElseThrow();
  }

  public static boolean deletePolicy(Connection c, long id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM retention_policy WHERE id = ?")) {
      s.setLong(1, id);
      return s.executeUpdate() == 1;
    }
  }

  // ---- what is due

  /**
   * The archived messages {@code policy} may purge at {@code now}: those it governs (through a participant)
   * and that every policy governing them lets go (see {@link DueRule}), in id order.
   */
  public static List<Long> dueUnder(Connection c, RetentionPolicy policy, DueRule rule, Instant now) throws SQLException {
    // Necessary condition first (in SQL): a participant matches the target and this policy has run out.
    String match = policy.scope() == RetentionPolicy.Scope.MAILBOX ? "= ?" : "LIKE ?";
    String value = policy.scope() == RetentionPolicy.Scope.MAILBOX ? policy.target() : "%@" + policy.target();
    List<Long> due = new ArrayList<>();
    long after = 0;
    while (true) {
      Map<Long, Instant> received = new HashMap<>();
      List<Long> page = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT m.id, m.first_received_at FROM archived_message m WHERE m.id > ? AND m.first_received_at < ? AND"
              + " (LOWER(m.from_address) " + match + " OR EXISTS (SELECT 1 FROM archived_recipient r"
              + " WHERE r.archived_ref = m.id AND LOWER(r.address) " + match + ")) ORDER BY m.id LIMIT " + PAGE)) {
        s.setLong(1, after);
        ArchiveSql.setInstant(s, 2, DueRule.cutoff(policy.keep(), now));
        s.setString(3, value);
        s.setString(4, value);
        try (ResultSet row = s.executeQuery()) {
          while (row.next()) {
            page.add(row.getLong(1));
            received.put(row.getLong(1), ArchiveSql.instant(row, "first_received_at"));
          }
        }
      }
      if (page.isEmpty()) {
        return due;
      }
      Map<Long, Set<String>> participants = participants(c, page);
      for (long id : page) {
        Set<String> addresses = participants.getOrDefault(id, Set.of());
        if (rule.governing(addresses).contains(policy) && rule.due(addresses, received.get(id), now)) {
          due.add(id);
        }
      }
      after = page.get(page.size() - 1);
    }
  }

  /** Sender, header and envelope recipients of each message. */
  static Map<Long, Set<String>> participants(Connection c, List<Long> ids) throws SQLException {
    Map<Long, Set<String>> found = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT id, from_address FROM archived_message WHERE id IN (" + ArchiveSql.placeholders(ids.size()) + ")")) {
      ArchiveSql.bind(s, 1, ids);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          Set<String> set = found.computeIfAbsent(row.getLong(1), k -> new LinkedHashSet<>());
          if (row.getString(2) != null) {
            set.add(row.getString(2));
          }
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "SELECT archived_ref, address FROM archived_recipient WHERE archived_ref IN (" + ArchiveSql.placeholders(ids.size()) + ")")) {
      ArchiveSql.bind(s, 1, ids);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          found.computeIfAbsent(row.getLong(1), k -> new LinkedHashSet<>()).add(row.getString(2));
        }
      }
    }
    return found;
  }

  /** Replaces what is recorded as due under {@code policyId}. */
  public static void replaceDue(Connection c, long policyId, List<Long> due, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM retention_due WHERE policy_id = ?")) {
      s.setLong(1, policyId);
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO retention_due (policy_id, archived_id, computed_at) VALUES (?, ?, ?)")) {
      for (long id : due) {
        s.setLong(1, policyId);
        s.setLong(2, id);
        ArchiveSql.setInstant(s, 3, now);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  public static List<DueSummary> dueSummaries(Connection c) throws SQLException {
    List<DueSummary> found = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT policy_id, COUNT(*), MAX(computed_at) AS computed_at FROM retention_due GROUP BY policy_id ORDER BY policy_id");
        ResultSet row = s.executeQuery()) {
      while (row.next()) {
        found.add(new DueSummary(row.getLong(1), row.getLong(2), ArchiveSql.instant(row, "computed_at")));
      }
    }
    return found;
  }

  /** The ids among {@code ids} that exist as archived messages. */
  public static Set<Long> existing(Connection c, Collection<Long> ids) throws SQLException {
    Set<Long> found = new HashSet<>();
    List<Long> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += PAGE) {
      List<Long> page = all.subList(from, Math.min(all.size(), from + PAGE));
      try (PreparedStatement s = c.prepareStatement(
          "SELECT id FROM archived_message WHERE id IN (" + ArchiveSql.placeholders(page.size()) + ")")) {
        ArchiveSql.bind(s, 1, page);
        try (ResultSet row = s.executeQuery()) {
          while (row.next()) {
            found.add(row.getLong(1));
          }
        }
      }
    }
    return found;
  }

  // ---- proposals

  public static long insertProposal(Connection c, Long policyId, String reason, String proposedBy, Instant at,
      Collection<Long> ids) throws SQLException {
    long id;
    try (PreparedStatement s = c.prepareStatement("INSERT INTO purge_proposal (policy_id, reason, status, proposed_by,"
        + " proposed_at) VALUES (?, ?, 'PENDING', ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      if (policyId == null) {
        s.setNull(1, java.sql.Types.BIGINT);
      } else {
        s.setLong(1, policyId);
      }
      s.setString(2, reason);
      s.setString(3, proposedBy);
      ArchiveSql.setInstant(s, 4, at);
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO purge_item (proposal_id, archived_id, state) VALUES (?, ?, 'PENDING')")) {
      int n = 0;
      for (long archivedId : ids) {
        s.setLong(1, id);
        s.setLong(2, archivedId);
        s.addBatch();
        if (++n % PAGE == 0) {
          s.executeBatch();
        }
      }
      s.executeBatch();
    }
    return id;
  }

  /** Moves a proposal from {@code from} to {@code to} with the decision; false when it was not in {@code from}. */
  public static boolean decide(Connection c, long id, PurgeProposal.Status from, PurgeProposal.Status to, String by,
      Instant at, String note) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE purge_proposal SET status = ?, decided_by = ?, decided_at = ?,"
        + " decision_note = ? WHERE id = ? AND status = ?")) {
      s.setString(1, to.name());
      s.setString(2, by);
      ArchiveSql.setInstant(s, 3, at);
      s.setString(4, note);
      s.setLong(5, id);
      s.setString(6, from.name());
      return s.executeUpdate() == 1;
    }
  }

  public static List<PurgeProposal> proposals(Connection c, Long onlyId, PurgeProposal.Status onlyStatus)
      throws SQLException {
    String where = onlyId != null ? " WHERE p.id = ?" : onlyStatus != null ? " WHERE p.status = ?" : "";
    List<PurgeProposal> found = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT p.*, (SELECT COUNT(*) FROM purge_item i WHERE i.proposal_id"
        + " = p.id) AS messages FROM purge_proposal p" + where + " ORDER BY p.id DESC")) {
      if (onlyId != null) {
        s.setLong(1, onlyId);
      } else if (onlyStatus != null) {
        s.setString(1, onlyStatus.name());
      }
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          long policy = row.getLong("policy_id");
          Optional<Long> policyId = row.wasNull() ? Optional.empty() : Optional.of(policy);
          found.add(new PurgeProposal(row.getLong("id"), policyId, row.getString("reason"),
              PurgeProposal.Status.valueOf(row.getString("status")), row.getString("proposed_by"),
              ArchiveSql.instant(row, "proposed_at"), Optional.ofNullable(row.getString("decided_by")),
              Optional.ofNullable(ArchiveSql.instant(row, "decided_at")), Optional.ofNullable(row.getString("decision_note")),
              Optional.ofNullable(ArchiveSql.instant(row, "executed_at")), row.getInt("messages"), row.getInt("purged"),
              row.getInt("skipped_held")));
        }
      }
    }
    return found;
  }

  public static List<Long> items(Connection c, long proposalId, String state, long afterId, int limit) throws SQLException {
    List<Long> found = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT archived_id FROM purge_item WHERE proposal_id = ?"
        + (state == null ? "" : " AND state = ?") + " AND archived_id > ? ORDER BY archived_id LIMIT " + limit)) {
      int i = 1;
      s.setLong(i++, proposalId);
      if (state != null) {
        s.setString(i++, state);
      }
      s.setLong(i, afterId);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          found.add(row.getLong(1));
        }
      }
    }
    return found;
  }

  public static List<Tombstone> tombstones(Connection c, long proposalId) throws SQLException {
    List<Tombstone> found = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT * FROM purge_tombstone WHERE proposal_id = ? ORDER BY archived_id, sha256")) {
      s.setLong(1, proposalId);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          found.add(new Tombstone(row.getLong("proposal_id"), row.getLong("archived_id"), row.getString("sha256"),
              Optional.ofNullable(row.getString("message_id")), Optional.ofNullable(ArchiveSql.instant(row, "sent_at")),
              ArchiveSql.instant(row, "first_received_at"), row.getString("proposed_by"), row.getString("approved_by"),
              ArchiveSql.instant(row, "purged_at"), row.getBoolean("blob_deleted")));
        }
      }
    }
    return found;
  }
}
