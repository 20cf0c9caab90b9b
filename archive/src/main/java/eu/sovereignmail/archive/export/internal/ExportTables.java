package eu.sovereignmail.archive.export.internal;

import eu.sovereignmail.archive.export.ExportFormat;
import eu.sovereignmail.archive.export.ExportProgress;
import eu.sovereignmail.archive.sql.ArchiveSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The export tables' reads and writes: an export and its fixed selection, the per-message state that
 * lets a restart continue, and what the manifest records for each message.
 */
public final class ExportTables {
  private ExportTables() {}

  /** One selected message still to be staged. */
  public record Pending(int position, long archivedId) {}

  /** What the archive holds about a message, read when it is staged. */
  public record Source(String sha256, String messageId, Instant date, String from, List<String> recipients,
      String entryHash) {}

  public static long insertExport(Connection c, long caseId, ExportFormat format, String selection, String requestedBy,
      Instant at, List<Long> ids) throws SQLException {
    long id;
    try (PreparedStatement s = c.prepareStatement("INSERT INTO case_export (case_id, format, status, selection,"
        + " requested_by, requested_at, total) VALUES (?, ?, 'RUNNING', ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      s.setLong(1, caseId);
      s.setString(2, format.name());
      s.setString(3, selection);
      s.setString(4, requestedBy);
      ArchiveSql.setInstant(s, 5, at);
      s.setInt(6, ids.size());
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO case_export_item (export_id, position, archived_id, state) VALUES (?, ?, ?, 'PENDING')")) {
      for (int i = 0; i < ids.size(); i++) {
        s.setLong(1, id);
        s.setInt(2, i);
        s.setLong(3, ids.get(i));
        s.addBatch();
        if ((i + 1) % 500 == 0) {
          s.executeBatch();
        }
      }
      s.executeBatch();
    }
    return id;
  }

  public static List<ExportProgress> exports(Connection c, Long onlyId, Long onlyCase, ExportProgress.Status onlyStatus)
      throws SQLException {
    String where = onlyId != null ? " WHERE e.id = ?" : onlyCase != null ? " WHERE e.case_id = ?"
        : onlyStatus != null ? " WHERE e.status = ?" : "";
    List<ExportProgress> found = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT e.*,"
        + " (SELECT COUNT(*) FROM case_export_item i WHERE i.export_id = e.id AND i.state <> 'PENDING') AS done,"
        + " (SELECT COUNT(*) FROM case_export_item i WHERE i.export_id = e.id AND i.state = 'MISSING') AS missing"
        + " FROM case_export e" + where + " ORDER BY e.id DESC")) {
      if (onlyId != null) {
        s.setLong(1, onlyId);
      } else if (onlyCase != null) {
        s.setLong(1, onlyCase);
      } else if (onlyStatus != null) {
        s.setString(1, onlyStatus.name());
      }
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          long bytes = row.getLong("bytes");
          Optional<Long> size = row.wasNull() ? Optional.empty() : Optional.of(bytes);
          found.add(new ExportProgress(row.getLong("id"), row.getLong("case_id"),
              ExportFormat.valueOf(row.getString("format")), ExportProgress.Status.valueOf(row.getString("status")),
              row.getInt("total"), row.getInt("done"), row.getInt("missing"), row.getString("requested_by"),
              ArchiveSql.instant(row, "requested_at"), Optional.ofNullable(ArchiveSql.instant(row, "finished_at")), size,
              Optional.ofNullable(row.getString("sha256")), Optional.ofNullable(row.getString("error"))));
        }
      }
    }
    return found;
  }

  public static List<Pending> pending(Connection c, long exportId, int limit) throws SQLException {
    List<Pending> found = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT position, archived_id FROM case_export_item"
        + " WHERE export_id = ? AND state = 'PENDING' ORDER BY position LIMIT " + limit)) {
      s.setLong(1, exportId);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          found.add(new Pending(row.getInt(1), row.getLong(2)));
        }
      }
    }
    return found;
  }

  /** The archived message's blob, headers, every recipient and its first journal entry's hash; empty when purged. */
  public static Optional<Source> source(Connection c, long archivedId) throws SQLException {
    String sha;
    String messageId;
    Instant date;
    String from;
    try (PreparedStatement s = c.prepareStatement("SELECT a.blob_sha256, a.message_id, COALESCE(a.sent_at,"
        + " a.first_received_at) AS message_date, a.from_address,"
        + " (SELECT e.entry_hash FROM archived_copy k JOIN journal_entry e ON e.seq = k.entry_seq"
        + "   WHERE k.archived_ref = a.id AND k.message_ref = a.message_ref ORDER BY k.entry_seq LIMIT 1) AS entry_hash"
        + " FROM archived_message a WHERE a.id = ?")) {
      s.setLong(1, archivedId);
      try (ResultSet row = s.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        sha = row.getString("blob_sha256");
        messageId = row.getString("message_id");
        date = ArchiveSql.instant(row, "message_date");
        from = row.getString("from_address");
        String entryHash = row.getString("entry_hash");
        TreeSet<String> recipients = new TreeSet<>();
        try (PreparedStatement r = c.prepareStatement(
            "SELECT DISTINCT address FROM archived_recipient WHERE archived_ref = ?")) {
          r.setLong(1, archivedId);
          try (ResultSet rows = r.executeQuery()) {
            while (rows.next()) {
              recipients.add(rows.getString(1));
            }
          }
        }
        return Optional.of(new Source(sha, messageId, date, from, List.copyOf(recipients), entryHash));
      }
    }
  }

  /** Records a message as staged, with what the manifest will say about it. */
  public static void staged(Connection c, long exportId, int position, Source source, long size) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE case_export_item SET state = 'STAGED', sha256 = ?,"
        + " size_bytes = ?, message_id = ?, message_date = ?, from_address = ?, recipients = ?, entry_hash = ?"
        + " WHERE export_id = ? AND position = ?")) {
      s.setString(1, source.sha256());
      s.setLong(2, size);
      s.setString(3, source.messageId());
      ArchiveSql.setInstant(s, 4, source.date());
      s.setString(5, source.from());
      s.setString(6, String.join("\n", source.recipients()));
      s.setString(7, source.entryHash());
      s.setLong(8, exportId);
      s.setInt(9, position);
      s.executeUpdate();
    }
  }

  public static void missing(Connection c, long exportId, int position) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE case_export_item SET state = 'MISSING' WHERE export_id = ? AND position = ?")) {
      s.setLong(1, exportId);
      s.setInt(2, position);
      s.executeUpdate();
    }
  }

  /** Manifest rows from {@code afterPosition} on, in output order; a missing message has a null sha256. */
  public static List<ManifestRow> manifestRows(Connection c, long exportId, int afterPosition, int limit)
      throws SQLException {
    List<ManifestRow> found = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT * FROM case_export_item WHERE export_id = ? AND position > ?"
        + " ORDER BY position LIMIT " + limit)) {
      s.setLong(1, exportId);
      s.setInt(2, afterPosition);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          long archivedId = row.getLong("archived_id");
          String recipients = row.getString("recipients");
          ManifestEntry entry = "STAGED".equals(row.getString("state")) ? new ManifestEntry(archivedId,
              "messages/" + archivedId + ".eml", row.getString("sha256"), row.getLong("size_bytes"),
              row.getString("message_id"), ArchiveSql.instant(row, "message_date"), row.getString("from_address"),
              recipients == null || recipients.isEmpty() ? List.of() : Arrays.asList(recipients.split("\n")),
              row.getString("entry_hash")) : null;
          found.add(new ManifestRow(row.getInt("position"), archivedId, entry));
        }
      }
    }
    return found;
  }

  /** One item in output order; {@code entry} is null when the message was missing. */
  public record ManifestRow(int position, long archivedId, ManifestEntry entry) {}

  public static void finish(Connection c, long exportId, ExportProgress.Status status, Instant at, Long bytes,
      String sha256, String error) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE case_export SET status = ?, finished_at = ?, bytes = ?,"
        + " sha256 = ?, error = ? WHERE id = ?")) {
      s.setString(1, status.name());
      ArchiveSql.setInstant(s, 2, at);
      if (bytes == null) {
        s.setNull(3, java.sql.Types.BIGINT);
      } else {
        s.setLong(3, bytes);
      }
      s.setString(4, sha256);
      s.setString(5, error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error);
      s.setLong(6, exportId);
      s.executeUpdate();
    }
  }
}
