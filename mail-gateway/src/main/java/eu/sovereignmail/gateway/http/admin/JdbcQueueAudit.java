package eu.sovereignmail.gateway.http.admin;

import eu.sovereignmail.gateway.spool.EntryId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The queue audit in the gateway's database (table {@code gateway_queue_audit}, Flyway migration
 * {@code db/gateway/V2__queue_audit.sql}, history table {@code gateway_schema_history}; migrate before use). UTC times.
 */
public final class JdbcQueueAudit implements QueueAudit {
  private static final String INSERT = "INSERT INTO gateway_queue_audit"
      + " (at, actor, action, entry_id, sender, recipients, size_bytes, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String RECENT = "SELECT at, actor, action, entry_id, sender, recipients, size_bytes, reason"
      + " FROM gateway_queue_audit ORDER BY id DESC LIMIT ?";

  private final DataSource dataSource;

  public JdbcQueueAudit(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public void record(QueueAuditEntry entry) throws QueueAuditException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setObject(1, LocalDateTime.ofInstant(entry.at(), ZoneOffset.UTC));
      insert.setString(2, entry.actor());
      insert.setString(3, entry.action());
      insert.setString(4, entry.entryId().toString());
      insert.setString(5, entry.sender());
      // Addresses never contain a line break, so one per line is unambiguous.
      insert.setString(6, String.join("\n", entry.recipients()));
      insert.setLong(7, entry.size());
      insert.setString(8, entry.reason());
      insert.executeUpdate();
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new QueueAuditException("cannot record queue " + entry.action() + " of " + entry.entryId(), e);
    }
  }

  @Override
  public List<QueueAuditEntry> recent(int limit) throws QueueAuditException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(RECENT)) {
      select.setInt(1, limit);
      List<QueueAuditEntry> entries = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String recipients = rows.getString("recipients");
          entries.add(new QueueAuditEntry(
              rows.getObject("at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
              rows.getString("actor"),
              rows.getString("action"),
              EntryId.parse(rows.getString("entry_id")),
              rows.getString("sender"),
              recipients.isEmpty() ? List.of() : Arrays.asList(recipients.split("\n")),
              rows.getLong("size_bytes"),
              rows.getString("reason")));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new QueueAuditException("cannot read the queue audit", e);
    }
  }
}
