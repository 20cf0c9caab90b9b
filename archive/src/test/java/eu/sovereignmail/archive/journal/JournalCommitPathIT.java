package eu.sovereignmail.archive.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.ArchiveSettings;
import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The journal's group commit on plain JDBC against a real MariaDB: it writes the rows the ORM path wrote
 * (compared column by column on two databases fed the same appends from many threads, so that batches form),
 * and keeps idempotence and conflicts inside one batch (many threads appending one spool record at once).
 */
class JournalCommitPathIT {
  private static final String PASSWORD = "commit-path-secret";
  private static final String COMMIT_PATH = "sovereign.archive.journal.commit-path";
  private static final Path DIR = Path.of("target", "it-commit-path-" + System.nanoTime()).toAbsolutePath();
  private static final int THREADS = 8;

  private static EmbeddedMariaDb mariaDb;
  private static Path keyFile;

  @BeforeAll
  static void startMariaDb() throws Exception {
    mariaDb = EmbeddedMariaDb.start(DIR.resolve("mariadb"), Ports.freeLoopbackPort());
    keyFile = DIR.resolve("keys").resolve("archive.keys");
    KeyRing.createKeyFile(keyFile);
  }

  @AfterAll
  static void stopMariaDb() {
    if (mariaDb != null) {
      mariaDb.close();
    }
  }

  @Test
  void theJdbcPathWritesTheRowsTheOrmPathWrote() throws Exception {
    List<Append> appends = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      // Every third append repeats an earlier message's bytes under its own spool record: one message row.
      int body = i % 3 == 2 ? i - 1 : i;
      List<String> recipients = new ArrayList<>();
      for (int r = 0; r <= i % 4; r++) {
        recipients.add("rcpt" + r + "-" + i + "@example.org");
      }
      Envelope envelope = new Envelope(i % 10 == 0 ? "" : "sender" + i + "@example.eu", recipients,
          Direction.values()[i % Direction.values().length], i % 5 == 0 ? null : "192.0.2." + (i % 250),
          i % 7 == 0 ? "user" + i + "@example.eu" : null, "gw-" + (i % 2),
          Instant.parse("2026-05-12T08:00:00.123456Z").plusSeconds(i));
      String header = i % 6 == 0 ? "" : "Message-ID: <m" + body + "@example.eu>\r\n";
      appends.add(new Append("spool-" + i, envelope,
          (header + "Subject: commit path " + body + "\r\n\r\nbody " + body + "\r\n").getBytes(StandardCharsets.UTF_8)));
    }
    Rows orm = journalAndDump("orm", appends);
    Rows jdbc = journalAndDump("jdbc", appends);

    assertThat(jdbc.messages()).hasSize(80);
    assertThat(jdbc.entries()).hasSize(120);
    assertThat(jdbc.messages()).isEqualTo(orm.messages());
    assertThat(jdbc.entries()).isEqualTo(orm.entries());
    assertThat(jdbc.recipients()).isEqualTo(orm.recipients());
  }

  @Test
  void oneSpoolRecordFromManyThreadsAtOnceIsOneEntryAndOtherBytesConflict() throws Exception {
    ArchiveSettings settings = settings("conflicts");
    try (Archive archive = Archive.open(settings)) {
      byte[] raw = "Subject: once\r\n\r\nonce\r\n".getBytes(StandardCharsets.US_ASCII);
      byte[] other = "Subject: other\r\n\r\nother\r\n".getBytes(StandardCharsets.US_ASCII);
      Envelope envelope = new Envelope("a@example.eu", List.of("b@example.org"), Direction.OUTBOUND, null, null,
          "gw-1", Instant.parse("2026-05-12T08:00:00Z"));
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        // All threads at once, so that they share batches: half send the bytes, half other bytes.
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<JournalReceipt>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          byte[] bytes = t % 2 == 0 ? raw : other;
          results.add(pool.submit(() -> {
            start.await();
            return archive.journal().append("spool-once", envelope, bytes);
          }));
        }
        List<JournalReceipt> receipts = new ArrayList<>();
        int conflicts = 0;
        for (Future<JournalReceipt> result : results) {
          try {
            receipts.add(result.get());
          } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(JournalConflictException.class);
            conflicts++;
          }
        }
        assertThat(receipts).hasSize(THREADS / 2);
        assertThat(conflicts).isEqualTo(THREADS / 2);
        assertThat(receipts).extracting(JournalReceipt::sequence).containsOnly(1L);
        assertThat(receipts).filteredOn(receipt -> !receipt.duplicate()).hasSize(1);
        assertThat(receipts).extracting(JournalReceipt::entryHash).containsOnly(receipts.getFirst().entryHash());

        JournalReceipt winner = receipts.getFirst();
        byte[] won = winner.blobId().equals(BlobId.of(raw)) ? raw : other;
        byte[] lost = won == raw ? other : raw;
        assertThatThrownBy(() -> archive.journal().append("spool-once", envelope, lost))
            .isInstanceOf(JournalConflictException.class);
        JournalReceipt again = archive.journal().append("spool-once", envelope, won);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.sequence()).isEqualTo(1L);
        assertThat(archive.journal().append("spool-next", envelope, raw).sequence()).isEqualTo(2L);
      } finally {
        pool.shutdown();
      }
      assertThat(archive.journal().verify().clean()).isTrue();
    }
  }

  private record Append(String spoolRecordId, Envelope envelope, byte[] raw) {}

  /** Rows keyed so that the order of commits (which varies with thread timing) does not matter. */
  private record Rows(TreeMap<String, List<Object>> messages, TreeMap<String, List<Object>> entries,
      TreeMap<String, List<Object>> recipients) {}

  private static Rows journalAndDump(String commitPath, List<Append> appends) throws Exception {
    ArchiveSettings settings = settings(commitPath);
    System.setProperty(COMMIT_PATH, commitPath);
    try (Archive archive = Archive.open(settings)) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<JournalReceipt>> results = new ArrayList<>();
        for (Append append : appends) {
          results.add(pool.submit(() -> archive.journal().append(append.spoolRecordId(), append.envelope(), append.raw())));
        }
        for (Future<JournalReceipt> result : results) {
          assertThat(result.get().duplicate()).isFalse();
        }
        // Again, all at once: every one a duplicate, nothing written.
        for (Append append : appends) {
          assertThat(archive.journal().append(append.spoolRecordId(), append.envelope(), append.raw()).duplicate())
              .isTrue();
        }
      } finally {
        pool.shutdown();
      }
      assertThat(archive.journal().verify().clean()).isTrue();
    } finally {
      System.clearProperty(COMMIT_PATH);
    }
    try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), commitPath, PASSWORD)) {
      // The order of commits (so each entry's seq), the times written at commit (first_seen, journaled_at) and
      // the hashes over them differ between runs; verify above recomputed every hash from the stored rows.
      return new Rows(
          dump(connection, "SELECT sha256, size_bytes, message_id FROM message"),
          dump(connection, "SELECT e.spool_record_id, m.sha256, e.mail_from, e.direction, e.client_ip,"
              + " e.authenticated_user, e.gateway_node, e.received_at, e.hash_version,"
              + " e.prev_hash = COALESCE((SELECT p.entry_hash FROM journal_entry p WHERE p.seq = e.seq - 1),"
              + " REPEAT('0', 64)) AS linked, e.seq <= (SELECT last_seq FROM chain_head) AS under_head"
              + " FROM journal_entry e JOIN message m ON m.id = e.message_ref"),
          dump(connection, "SELECT CONCAT(e.spool_record_id, '#', r.position), r.address FROM journal_recipient r"
              + " JOIN journal_entry e ON e.seq = r.entry_seq"));
    }
  }

  /** The rows of {@code sql} by their first column (unique), with the other columns as values. */
  private static TreeMap<String, List<Object>> dump(Connection connection, String sql) throws Exception {
    TreeMap<String, List<Object>> rows = new TreeMap<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        List<Object> values = new ArrayList<>();
        for (int c = 2; c <= meta.getColumnCount(); c++) {
          values.add(result.getObject(c));
        }
        assertThat(rows.put(result.getString(1), values)).isNull();
      }
    }
    return rows;
  }

  private static ArchiveSettings settings(String name) throws Exception {
    mariaDb.ensureDatabase(name, name, PASSWORD);
    ArchiveSettings defaults = new ArchiveSettings(mariaDb.jdbcUrl(name), name, PASSWORD,
        DIR.resolve(name).resolve("blobs"), keyFile, THREADS);
    return defaults.withSearch(defaults.search().withIndexer(false));
  }
}
