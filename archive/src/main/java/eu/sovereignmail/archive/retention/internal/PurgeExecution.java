package eu.sovereignmail.archive.retention.internal;

import eu.sovereignmail.archive.sql.ArchiveSql;
import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.blob.BlobStore;
import eu.sovereignmail.archive.holds.HoldCheck;
import eu.sovereignmail.archive.retention.IndexRemoval;
import eu.sovereignmail.archive.retention.PurgeOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one approved purge, page by page, so that it can stop anywhere and be run again: holds are
 * asked again right before each page (a hold placed after approval still wins); each purged message's index
 * documents go first, then, in one transaction, its tombstones are written and its rows deleted (the journal
 * entries stay); last, each blob no remaining message or unindexed journal entry needs is deleted.
 */
public final class PurgeExecution {
  private static final Logger LOG = LoggerFactory.getLogger(PurgeExecution.class);
  private static final int PAGE = 200;

  private final DataSource dataSource;
  private final BlobStore blobs;
  private final HoldCheck holds;
  private final IndexRemoval index;
  private final Clock clock;

  public PurgeExecution(DataSource dataSource, BlobStore blobs, HoldCheck holds, IndexRemoval index, Clock clock) {
    this.dataSource = dataSource;
    this.blobs = blobs;
    this.holds = holds;
    this.index = index;
    this.clock = clock;
  }

  /** One archived message about to be purged: what its tombstones keep. */
  private record Doomed(long id, String sha256, String messageId, Instant sentAt, Instant firstReceivedAt) {}

  /** Executes proposal {@code proposalId} (approved) to its end; safe to call again after a crash. */
  public PurgeOutcome execute(long proposalId, String proposedBy, String approvedBy) {
    int alreadyGone = 0;
    while (true) {
      List<Long> page = ArchiveSql.inTransaction(dataSource, c -> RetentionTables.items(c, proposalId, "PENDING", 0, PAGE));
      if (page.isEmpty()) {
        break;
      }
      Set<Long> held = holds.held(page);
      Map<Long, Doomed> doomed = ArchiveSql.inTransaction(dataSource, c -> load(c, page));
      List<Long> purge = page.stream().filter(id -> !held.contains(id) && doomed.containsKey(id)).toList();
      alreadyGone += (int) page.stream().filter(id -> !held.contains(id) && !doomed.containsKey(id)).count();
      if (!purge.isEmpty()) {
        index.remove(purge);
      }
      Instant now = clock.instant();
      ArchiveSql.inTransaction(dataSource, c -> {
        for (long id : page) {
          if (held.contains(id)) {
            setState(c, proposalId, id, "HELD");
          } else if (!doomed.containsKey(id)) {
            setState(c, proposalId, id, "GONE");
          } else {
            purgeRows(c, proposalId, doomed.get(id), proposedBy, approvedBy, now);
            setState(c, proposalId, id, "PURGED");
          }
        }
        return null;
      });
      LOG.info("event=retention.purge_page proposal={} purged={} held={}", proposalId, purge.size(), held.size());
    }
    int blobsDeleted = deleteUnneededBlobs(proposalId);
    int[] counts = ArchiveSql.inTransaction(dataSource, c -> finish(c, proposalId));
    return new PurgeOutcome(proposalId, counts[0], counts[1], alreadyGone, blobsDeleted);
  }

  private static Map<Long, Doomed> load(Connection c, List<Long> ids) throws SQLException {
    Map<Long, Doomed> found = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id, blob_sha256, message_id, sent_at, first_received_at"
        + " FROM archived_message WHERE id IN (" + ArchiveSql.placeholders(ids.size()) + ") FOR UPDATE")) {
      ArchiveSql.bind(s, 1, ids);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          found.put(row.getLong("id"), new Doomed(row.getLong("id"), row.getString("blob_sha256"),
              row.getString("message_id"), ArchiveSql.instant(row, "sent_at"), ArchiveSql.instant(row, "first_received_at")));
        }
      }
    }
    return found;
  }

  /** Tombstones for every blob of the message, its journal entries marked purged, its rows deleted. */
  private static void purgeRows(Connection c, long proposalId, Doomed message, String proposedBy, String approvedBy,
      Instant now) throws SQLException {
    Set<String> shas = new LinkedHashSet<>();
    shas.add(message.sha256());
    List<Long> entries = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT c.entry_seq, m.sha256 FROM archived_copy c"
        + " JOIN message m ON m.id = c.message_ref WHERE c.archived_ref = ?")) {
      s.setLong(1, message.id());
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          entries.add(row.getLong(1));
          shas.add(row.getString(2));
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT IGNORE INTO purge_tombstone (proposal_id, archived_id, sha256,"
        + " message_id, sent_at, first_received_at, proposed_by, approved_by, purged_at, blob_deleted)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)")) {
      for (String sha : shas) {
        s.setLong(1, proposalId);
        s.setLong(2, message.id());
        s.setString(3, sha);
        s.setString(4, message.messageId());
        ArchiveSql.setInstant(s, 5, message.sentAt());
        ArchiveSql.setInstant(s, 6, message.firstReceivedAt());
        s.setString(7, proposedBy);
        s.setString(8, approvedBy);
        ArchiveSql.setInstant(s, 9, now);
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s = c.prepareStatement("INSERT IGNORE INTO purged_entry (entry_seq, proposal_id) VALUES (?, ?)")) {
      for (long seq : entries) {
        s.setLong(1, seq);
        s.setLong(2, proposalId);
        s.addBatch();
      }
      s.executeBatch();
    }
    for (String table : List.of("archived_recipient", "archived_attachment", "archived_copy")) {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE archived_ref = ?")) {
        s.setLong(1, message.id());
        s.executeUpdate();
      }
    }
    for (String sql : List.of("DELETE FROM retention_due WHERE archived_id = ?", "DELETE FROM archived_message WHERE id = ?")) {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setLong(1, message.id());
        s.executeUpdate();
      }
    }
  }

  private static void setState(Connection c, long proposalId, long archivedId, String state) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE purge_item SET state = ? WHERE proposal_id = ? AND archived_id = ?")) {
      s.setString(1, state);
      s.setLong(2, proposalId);
      s.setLong(3, archivedId);
      s.executeUpdate();
    }
  }

  /**
   * Deletes each blob this proposal tombstoned that nothing needs any more: no archived message or copy
   * names it, and every journal entry storing it had its copy purged (an entry not yet indexed keeps it).
   */
  private int deleteUnneededBlobs(long proposalId) {
    List<String> candidates = ArchiveSql.inTransaction(dataSource, c -> {
      List<String> found = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(
          "SELECT DISTINCT sha256 FROM purge_tombstone WHERE proposal_id = ? AND NOT blob_deleted")) {
        s.setLong(1, proposalId);
        try (ResultSet row = s.executeQuery()) {
          while (row.next()) {
            found.add(row.getString(1));
          }
        }
      }
      return found;
    });
    int deleted = 0;
    Set<String> kept = new HashSet<>();
    for (String sha : candidates) {
      boolean needed = ArchiveSql.inTransaction(dataSource, c -> stillNeeded(c, sha));
      if (needed) {
        kept.add(sha);
        continue;
      }
      try {
        blobs.delete(new BlobId(sha));
      } catch (IOException e) {
        throw new UncheckedIOException("deleting blob " + sha + " of purge " + proposalId, e);
      }
      ArchiveSql.inTransaction(dataSource, c -> {
        try (PreparedStatement s = c.prepareStatement("UPDATE purge_tombstone SET blob_deleted = TRUE WHERE sha256 = ?")) {
          s.setString(1, sha);
          return s.executeUpdate();
        }
      });
      deleted++;
    }
    LOG.info("event=retention.purge_blobs proposal={} deleted={} kept_shared={}", proposalId, deleted, kept.size());
    return deleted;
  }

  private static boolean stillNeeded(Connection c, String sha) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT"
        + " EXISTS (SELECT 1 FROM archived_message a WHERE a.message_ref = m.id)"
        + " OR EXISTS (SELECT 1 FROM archived_copy k WHERE k.message_ref = m.id)"
        + " OR EXISTS (SELECT 1 FROM journal_entry e WHERE e.message_ref = m.id"
        + "   AND NOT EXISTS (SELECT 1 FROM purged_entry p WHERE p.entry_seq = e.seq))"
        + " FROM message m WHERE m.sha256 = ?")) {
      s.setString(1, sha);
      try (ResultSet row = s.executeQuery()) {
        return !row.next() || row.getBoolean(1);
      }
    }
  }

  /** Marks the proposal executed with its counts: {purged, held}. */
  private int[] finish(Connection c, long proposalId) throws SQLException {
    int purged = 0;
    int held = 0;
    try (PreparedStatement s = c.prepareStatement(
        "SELECT state, COUNT(*) FROM purge_item WHERE proposal_id = ? GROUP BY state")) {
      s.setLong(1, proposalId);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          switch (row.getString(1)) {
            case "PURGED" -> purged = row.getInt(2);
            case "HELD" -> held = row.getInt(2);
            default -> { }
          }
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE purge_proposal SET status = 'EXECUTED', executed_at = ?,"
        + " purged = ?, skipped_held = ? WHERE id = ?")) {
      ArchiveSql.setInstant(s, 1, clock.instant());
      s.setInt(2, purged);
      s.setInt(3, held);
      s.setLong(4, proposalId);
      s.executeUpdate();
    }
    return new int[] {purged, held};
  }
}
