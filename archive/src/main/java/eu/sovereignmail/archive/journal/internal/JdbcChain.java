package eu.sovereignmail.archive.journal.internal;

import static eu.sovereignmail.archive.sql.ArchiveSql.bindText;
import static eu.sovereignmail.archive.sql.ArchiveSql.column;
import static eu.sovereignmail.archive.sql.ArchiveSql.placeholders;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.journal.Envelope;
import eu.sovereignmail.archive.journal.JournalConflictException;
import eu.sovereignmail.archive.journal.JournalReceipt;
import eu.sovereignmail.archive.journal.internal.GroupCommit.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Chains one group-commit batch on plain JDBC, on the connection of the transaction it runs in, because the
 * committer thread is the journal's one serial section and the ORM's query translation, entity bookkeeping
 * and one-by-one identity inserts made it the most expensive part of an append. A fixed number of
 * statements per batch, whatever its size: lock the chain head ({@code SELECT … FOR UPDATE}), look up the
 * batch's spool records (joined to their messages' sha256) and its messages, insert the new messages as one
 * JDBC batch and read their ids back by sha256, insert the entries and their recipients as one JDBC batch
 * each, move the head. The rows, columns and chain format are those the entities map
 * ({@link JournalEntryEntity}, {@link MessageEntity}, {@link ChainHeadEntity}); nothing listens to their ORM
 * events (the journal's session factory has no listeners and Hibernate Search off; the indexer follows the
 * journal by polling {@code journal_entry}), so writing the rows directly changes nothing for readers.
 *
 * <p>The new messages' ids are read back with one {@code SELECT} instead of generated keys: asking a batch
 * for its keys makes the driver send one statement per row unless the server returns per-row results of a
 * bulk command (MariaDB 11.5.1 and later). In the throughput benchmark, a multi-row {@code INSERT} instead
 * of the JDBC batches and MariaDB's {@code INSERT … RETURNING id, sha256} instead of the {@code SELECT}
 * measured the same (MariaDB CPU per append within the run's noise), so the plainest form stays.
 */
final class JdbcChain {
  private static final String ENTRY_COLUMNS = "seq, spool_record_id, message_ref, mail_from, direction, client_ip,"
      + " authenticated_user, gateway_node, received_at, journaled_at, hash_version, prev_hash, entry_hash";
  private static final int ENTRY_COLUMN_COUNT = 13;

  private final Clock clock;

  JdbcChain(Clock clock) {
    this.clock = clock;
  }

  /** A message row: its id (null until inserted), sha256, size, and for a new one the values to insert. */
  private static final class MessageRow {
    Long id;
    final String sha256;
    final long sizeBytes;
    final Object[] insertValues;

    MessageRow(Long id, String sha256, long sizeBytes, Object[] insertValues) {
      this.id = id;
      this.sha256 = sha256;
      this.sizeBytes = sizeBytes;
      this.insertValues = insertValues;
    }
  }

  /** An entry already in the journal (or chained earlier in this batch), and its message's sha256. */
  private record KnownEntry(JournalReceipt receipt, String sha256) {}

  /** A new entry, chained, waiting for its message's id to be written. */
  private record NewEntry(CanonicalEntry canonical, String entryHash, MessageRow message) {}

  /** Chains {@code batch} in order inside the caller's transaction (which commits or rolls back). */
  ChainedBatch chain(Connection connection, List<PendingEntry> batch) throws SQLException {
    long seq;
    String prev;
    try (PreparedStatement lock = connection.prepareStatement(
        "SELECT last_seq, last_hash FROM chain_head WHERE id = ? FOR UPDATE")) {
      lock.setShort(1, ChainHeadEntity.ID);
      try (ResultSet row = lock.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("the chain_head row is missing: the archive schema is damaged");
        }
        seq = row.getLong(1);
        prev = row.getString(2);
      }
    }
    Map<String, KnownEntry> known = knownEntries(connection, distinct(batch, PendingEntry::spoolRecordId));
    Map<String, MessageRow> messages = storedMessages(connection, distinct(batch, p -> p.blobId().hex()));
    List<Outcome<JournalReceipt>> outcomes = new ArrayList<>(batch.size());
    List<NewEntry> entries = new ArrayList<>(batch.size());
    List<MessageRow> newMessages = new ArrayList<>();
    for (PendingEntry pending : batch) {
      KnownEntry existing = known.get(pending.spoolRecordId());
      if (existing != null) {
        JournalReceipt receipt = existing.receipt();
        outcomes.add(existing.sha256().equals(pending.blobId().hex())
            ? Outcome.of(new JournalReceipt(receipt.sequence(), receipt.blobId(), receipt.entryHash(), true))
            : Outcome.failed(new JournalConflictException(pending.spoolRecordId(), existing.sha256(),
                pending.blobId().hex())));
        continue;
      }
      MessageRow message = messages.computeIfAbsent(pending.blobId().hex(), sha -> {
        MessageRow created = new MessageRow(null, sha, pending.size(),
            new Object[] {sha, pending.size(), column(clock.instant()), pending.messageId()});
        newMessages.add(created);
        return created;
      });
      CanonicalEntry canonical = new CanonicalEntry(CanonicalEntry.CURRENT_VERSION, seq + 1, pending.spoolRecordId(),
          message.sha256, message.sizeBytes, pending.envelope(), clock.instant(), prev);
      String hash = canonical.hash();
      entries.add(new NewEntry(canonical, hash, message));
      seq = canonical.seq();
      prev = hash;
      JournalReceipt receipt = new JournalReceipt(seq, pending.blobId(), prev, false);
      known.put(pending.spoolRecordId(), new KnownEntry(receipt, pending.blobId().hex()));
      outcomes.add(Outcome.of(receipt));
    }
    if (!entries.isEmpty()) {
      insertMessages(connection, newMessages);
      insertEntries(connection, entries);
      insertRecipients(connection, entries);
      try (PreparedStatement advance = connection.prepareStatement(
          "UPDATE chain_head SET last_seq = ?, last_hash = ? WHERE id = ?")) {
        advance.setLong(1, seq);
        advance.setString(2, prev);
        advance.setShort(3, ChainHeadEntity.ID);
        advance.executeUpdate();
      }
    }
    return new ChainedBatch(outcomes, seq, entries.size());
  }

  private static List<String> distinct(List<PendingEntry> batch, Function<PendingEntry, String> key) {
    LinkedHashSet<String> values = new LinkedHashSet<>();
    batch.forEach(pending -> values.add(key.apply(pending)));
    return List.copyOf(values);
  }

  private static Map<String, KnownEntry> knownEntries(Connection connection, List<String> spoolRecordIds)
      throws SQLException {
    Map<String, KnownEntry> known = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT e.spool_record_id, e.seq, e.entry_hash, m.sha256 FROM journal_entry e"
            + " JOIN message m ON m.id = e.message_ref WHERE e.spool_record_id IN ("
            + placeholders(spoolRecordIds.size()) + ")")) {
      bindText(select, spoolRecordIds);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String sha256 = rows.getString(4);
          known.put(rows.getString(1),
              new KnownEntry(new JournalReceipt(rows.getLong(2), new BlobId(sha256), rows.getString(3), true), sha256));
        }
      }
    }
    return known;
  }

  private static Map<String, MessageRow> storedMessages(Connection connection, List<String> shas) throws SQLException {
    Map<String, MessageRow> messages = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT id, sha256, size_bytes FROM message WHERE sha256 IN (" + placeholders(shas.size()) + ")")) {
      bindText(select, shas);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          messages.put(rows.getString(2), new MessageRow(rows.getLong(1), rows.getString(2), rows.getLong(3), null));
        }
      }
    }
    return messages;
  }

  /** One INSERT for the batch's new messages, then one SELECT of their ids. */
  private static void insertMessages(Connection connection, List<MessageRow> newMessages) throws SQLException {
    if (newMessages.isEmpty()) {
      return;
    }
    insertRows(connection, "INSERT INTO message (sha256, size_bytes, first_seen, message_id) VALUES ", 4,
        newMessages.stream().map(message -> message.insertValues).toList());
    Map<String, MessageRow> bySha = new LinkedHashMap<>();
    newMessages.forEach(message -> bySha.put(message.sha256, message));
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT id, sha256 FROM message WHERE sha256 IN (" + placeholders(bySha.size()) + ")")) {
      bindText(select, bySha.keySet());
      try (ResultSet ids = select.executeQuery()) {
        while (ids.next()) {
          bySha.get(ids.getString(2)).id = ids.getLong(1);
        }
      }
    }
    for (MessageRow message : newMessages) {
      if (message.id == null) {
        throw new IllegalStateException("message " + message.sha256 + " was inserted but cannot be read back");
      }
    }
  }

  private static void insertEntries(Connection connection, List<NewEntry> entries) throws SQLException {
    List<Object[]> rows = new ArrayList<>(entries.size());
    for (NewEntry entry : entries) {
      CanonicalEntry canonical = entry.canonical();
      Envelope envelope = canonical.envelope();
      rows.add(new Object[] {canonical.seq(), canonical.spoolRecordId(), entry.message().id, envelope.mailFrom(),
          envelope.direction().name(), envelope.clientIp(), envelope.authenticatedUser(), envelope.gatewayNode(),
          column(envelope.receivedAt()), column(canonical.journaledAt()), canonical.version(), canonical.prevHash(),
          entry.entryHash()});
    }
    insertRows(connection, "INSERT INTO journal_entry (" + ENTRY_COLUMNS + ") VALUES ", ENTRY_COLUMN_COUNT, rows);
  }

  private static void insertRecipients(Connection connection, List<NewEntry> entries) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (NewEntry entry : entries) {
      List<String> recipients = entry.canonical().envelope().recipients();
      for (int position = 0; position < recipients.size(); position++) {
        rows.add(new Object[] {entry.canonical().seq(), position, recipients.get(position)});
      }
    }
    insertRows(connection, "INSERT INTO journal_recipient (entry_seq, position, address) VALUES ", 3, rows);
  }

  /**
   * {@code rows} ({@code columns} values each) inserted as one JDBC batch: with the driver's defaults
   * ({@code useBulkStmtsForInserts}) one bulk command for the whole batch, split by the driver if it outgrows the
   * server's packet size.
   */
  private static void insertRows(Connection connection, String insertInto, int columns, List<Object[]> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(insertInto + "(" + placeholders(columns) + ")")) {
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          if (row[i] == null) {
            insert.setNull(i + 1, Types.VARCHAR);
          } else {
            insert.setObject(i + 1, row[i]);
          }
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
