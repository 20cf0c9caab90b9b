package eu.sovereignmail.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.journal.Envelope;
import eu.sovereignmail.archive.journal.JournalReceipt;
import eu.sovereignmail.archive.journal.VerifyReport;
import eu.sovereignmail.archive.journal.VerifyReport.BlobProblem;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The journal against a real MariaDB: a few hundred generated messages with duplicates journaled from
 * several threads, read back, verified clean, then a row and blobs altered behind its back.
 */
class ArchiveJournalIT {
  private static final int DISTINCT = 240;
  private static final int ENTRIES = 300;
  private static final String PASSWORD = "archive-it-secret";
  private static final Path DIR = Path.of("target", "it-archive-" + System.nanoTime()).toAbsolutePath();

  private static EmbeddedMariaDb mariaDb;
  private static ArchiveSettings settings;

  @BeforeAll
  static void startMariaDb() throws Exception {
    mariaDb = EmbeddedMariaDb.start(DIR.resolve("mariadb"), Ports.freeLoopbackPort());
    mariaDb.ensureDatabase("archive", "archive", PASSWORD);
    Path keyFile = DIR.resolve("keys").resolve("archive.keys");
    KeyRing.createKeyFile(keyFile);
    settings = new ArchiveSettings(mariaDb.jdbcUrl("archive"), "archive", PASSWORD, DIR.resolve("blobs"), keyFile);
  }

  @AfterAll
  static void stopMariaDb() {
    if (mariaDb != null) {
      mariaDb.close();
    }
  }

  @Test
  void journalsDedupsReadsBackAndVerifyNamesEveryAlteration() throws Exception {
    List<byte[]> messages = generateMessages(DISTINCT, new Random(42));
    List<byte[]> entryBytes = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      entryBytes.add(messages.get(i < DISTINCT ? i : (i * 7) % DISTINCT)); // same bytes, new spool record
    }

    try (Archive archive = Archive.open(settings)) {
      long started = System.nanoTime();
      List<JournalReceipt> receipts = appendConcurrently(archive, entryBytes, 4);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("archive IT: %d appends in %.2f s = %.0f appends/s (4 threads)%n",
          ENTRIES, seconds, ENTRIES / seconds);

      assertThat(receipts).noneMatch(JournalReceipt::duplicate);
      assertThat(receipts.stream().map(JournalReceipt::sequence).distinct()).hasSize(ENTRIES);
      assertThat(receipts.stream().mapToLong(JournalReceipt::sequence).max()).hasValue(ENTRIES);

      // The same spool records again (a redo after a crash): nothing new is written.
      for (int i = 0; i < 20; i++) {
        JournalReceipt again = archive.journal().append("spool-" + i, envelope(i), entryBytes.get(i));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.sequence()).isEqualTo(receipts.get(i).sequence());
      }

      try (Stream<BlobId> ids = archive.blobs().ids()) {
        assertThat(ids.count()).as("one blob per distinct message").isEqualTo(DISTINCT);
      }
      assertThat(count("SELECT COUNT(*) FROM message")).isEqualTo(DISTINCT);
      assertThat(count("SELECT COUNT(*) FROM journal_entry")).isEqualTo(ENTRIES);
      assertThat(count("SELECT COUNT(*) FROM journal_recipient WHERE address LIKE 'bcc-%'")).isEqualTo(ENTRIES);
      assertThat(count("SELECT COUNT(*) FROM message WHERE message_id LIKE '<%@it.example.eu>'")).isEqualTo(DISTINCT);
      for (int i = 0; i < ENTRIES; i++) {
        assertThat(archive.journal().read("spool-" + i)).isEqualTo(entryBytes.get(i));
      }
      printStoredToRawRatio(archive, messages);

      VerifyReport clean = archive.journal().verify();
      assertThat(clean.clean()).as(clean.toString()).isTrue();
      assertThat(clean.entriesChecked()).isEqualTo(ENTRIES);
      assertThat(clean.blobsChecked()).isEqualTo(DISTINCT);
    }

    try (Archive reopened = Archive.open(settings)) {
      assertThat(reopened.journal().append("spool-after-restart", envelope(1), messages.get(1)).sequence())
          .isEqualTo(ENTRIES + 1);

      // Behind the archive's back: one journal row edited, one blob altered, one blob deleted.
      execute("UPDATE journal_entry SET mail_from = 'someone-else@example.org' WHERE seq = 123");
      Path blobs = settings.blobDir();
      BlobId altered = BlobId.of(messages.get(200));
      Path alteredFile = blobFile(blobs, altered);
      byte[] sealed = Files.readAllBytes(alteredFile);
      sealed[sealed.length / 2] ^= 0x20;
      Files.write(alteredFile, sealed);
      BlobId deleted = BlobId.of(messages.get(210));
      Files.delete(blobFile(blobs, deleted));

      VerifyReport report = reopened.journal().verify();

      assertThat(report.clean()).isFalse();
      assertThat(report.firstChainBreak()).hasValueSatisfying(chainBreak -> {
        assertThat(chainBreak.sequence()).isEqualTo(123);
        assertThat(chainBreak.reason()).contains("altered");
      });
      assertThat(report.blobProblems()).extracting(BlobProblem::id, BlobProblem::kind).containsExactlyInAnyOrder(
          tuple(altered, BlobProblem.Kind.CORRUPT),
          tuple(deleted, BlobProblem.Kind.MISSING));
      System.out.println("archive IT: verify after tampering: " + report);
    }
  }

  @Test
  void deletingTheLastEntriesIsAChainBreak() throws Exception {
    mariaDb.ensureDatabase("archive_tail", "archive", PASSWORD);
    ArchiveSettings tail = new ArchiveSettings(mariaDb.jdbcUrl("archive_tail"), "archive", PASSWORD,
        DIR.resolve("blobs-tail"), settings.keyFile());
    try (Archive archive = Archive.open(tail)) {
      for (int i = 0; i < 3; i++) {
        archive.journal().append("tail-" + i, envelope(i), ("Subject: " + i + "\r\n\r\nx").getBytes(StandardCharsets.US_ASCII));
      }
      try (Connection c = DriverManager.getConnection(tail.jdbcUrl(), "archive", PASSWORD);
          Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM journal_recipient WHERE entry_seq = 3");
        s.executeUpdate("DELETE FROM journal_entry WHERE seq = 3");
      }

      VerifyReport report = archive.journal().verify();

      assertThat(report.firstChainBreak()).hasValueSatisfying(chainBreak -> {
        assertThat(chainBreak.sequence()).isEqualTo(3);
        assertThat(chainBreak.reason()).contains("missing");
      });
    }
  }

  private static List<JournalReceipt> appendConcurrently(Archive archive, List<byte[]> entryBytes, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<JournalReceipt>> futures = new ArrayList<>();
      for (int i = 0; i < entryBytes.size(); i++) {
        int n = i;
        futures.add(pool.submit(() -> archive.journal().append("spool-" + n, envelope(n), entryBytes.get(n))));
      }
      List<JournalReceipt> receipts = new ArrayList<>();
      for (Future<JournalReceipt> future : futures) {
        receipts.add(future.get());
      }
      return receipts;
    } finally {
      pool.shutdown();
    }
  }

  private static Envelope envelope(int n) {
    Direction direction = Direction.values()[n % 3];
    return new Envelope(n % 10 == 0 ? "" : "sender" + n + "@example.eu",
        List.of("to" + n + "@example.org", "cc" + n + "@example.org", "bcc-" + n + "@example.org"),
        direction, "192.0.2." + (n % 250), direction == Direction.INBOUND ? null : "user" + n, "gw-it",
        Instant.parse("2026-05-12T08:00:00Z").plusMillis(n * 1_001L).plusNanos(123_456));
  }

  /** Mail-like messages: headers, prose, and every third one a base64 attachment of random bytes. */
  private static List<byte[]> generateMessages(int count, Random random) {
    String[] words = {"budget", "meeting", "court", "filing", "the", "and", "of", "report", "draft", "review",
        "deadline", "evidence", "hearing", "please", "attached", "regards", "minutes", "agenda", "contract"};
    List<byte[]> messages = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      StringBuilder text = new StringBuilder()
          .append("Message-ID: <m").append(n).append("@it.example.eu>\r\n")
          .append("From: Sender ").append(n).append(" <sender").append(n).append("@example.eu>\r\n")
          .append("To: to").append(n).append("@example.org\r\n")
          .append("Subject: ").append(words[n % words.length]).append(' ').append(n).append("\r\n")
          .append("Date: Tue, 12 May 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n\r\n");
      int wordsInBody = 100 + random.nextInt(3000);
      for (int w = 0; w < wordsInBody; w++) {
        text.append(words[random.nextInt(words.length)]).append(w % 12 == 11 ? "\r\n" : " ");
      }
      if (n % 3 == 0) {
        byte[] attachment = new byte[2_000 + random.nextInt(30_000)];
        random.nextBytes(attachment);
        text.append("\r\n\r\n").append(Base64.getMimeEncoder().encodeToString(attachment));
      }
      messages.add(text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }
    return messages;
  }

  private static void printStoredToRawRatio(Archive archive, List<byte[]> messages) throws Exception {
    long raw = messages.stream().mapToLong(m -> m.length).sum();
    long stored = 0;
    for (byte[] message : messages) {
      stored += Files.size(blobFile(settings.blobDir(), BlobId.of(message)));
    }
    System.out.printf("archive IT: %d distinct messages, raw %d bytes, stored %d bytes, stored/raw %.3f%n",
        messages.size(), raw, stored, (double) stored / raw);
    assertThat(archive.blobs().exists(BlobId.of(messages.get(0)))).isTrue();
  }

  private static Path blobFile(Path root, BlobId id) {
    return root.resolve(id.hex().substring(0, 2)).resolve(id.hex().substring(2, 4)).resolve(id.hex());
  }

  private static long count(String sql) throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(String sql) throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate(sql)).isEqualTo(1);
    }
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword());
  }
}
