package eu.sovereignmail.archive.journal;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.archive.BenchCpu;
import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.ArchiveSettings;
import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The journal's append throughput with many concurrent appenders of 10 KB messages against a real
 * MariaDB, printed for docs/benchmarks.md (no timed assertion). Sized by system properties
 * {@code journal.bench.threads} (default 16) and {@code journal.bench.messages} (default 2000); the modes compared
 * side by side in one run by {@code journal.bench.modes} (default {@code orm,jdbc,orm,jdbc}: group commit through
 * the ORM entities, as before, and on plain JDBC; {@code single} is one transaction per append), each round with
 * the CPU time per append of this JVM and MariaDB. A benchmark, not a
 * check: it runs only when asked for with {@code -Djournal.bench=true} (docs/benchmarks.md has the command).
 */
@EnabledIfSystemProperty(named = "journal.bench", matches = "true")
class JournalThroughputIT {
  private static final int THREADS = Integer.getInteger("journal.bench.threads", 16);
  private static final int MESSAGES = Integer.getInteger("journal.bench.messages", 2000);
  /** The modes, run in this order: single (one transaction per append), orm or jdbc (group commit paths). */
  private static final String MODES = System.getProperty("journal.bench.modes", "orm,jdbc,orm,jdbc");
  private static final int MESSAGE_BYTES = 10 * 1024;
  private static final String PASSWORD = "bench-secret";
  private static final Path DIR = Path.of("target", "it-throughput-" + System.nanoTime()).toAbsolutePath();

  private static EmbeddedMariaDb mariaDb;
  private static ArchiveSettings settings;

  @BeforeAll
  static void startMariaDb() throws Exception {
    mariaDb = EmbeddedMariaDb.start(DIR.resolve("mariadb"), Ports.freeLoopbackPort());
    mariaDb.ensureDatabase("archive", "archive", PASSWORD);
    Path keyFile = DIR.resolve("keys").resolve("archive.keys");
    KeyRing.createKeyFile(keyFile);
    ArchiveSettings defaults = new ArchiveSettings(mariaDb.jdbcUrl("archive"), "archive", PASSWORD,
        DIR.resolve("blobs"), keyFile, Math.min(THREADS, 16));
    // The journal alone: no indexer following it in this process (ArchiveIngestBenchmarkIT measures both).
    settings = defaults.withSearch(defaults.search().withIndexer(false));
  }

  @AfterAll
  static void stopMariaDb() {
    if (mariaDb != null) {
      mariaDb.close();
    }
  }

  @Test
  void concurrentAppendsOfTenKilobyteMessages() throws Exception {
    // Side by side in one run (same machine load), alternating between the modes asked for.
    int run = 0;
    for (String mode : MODES.split(",")) {
      run++;
      List<byte[]> messages = new ArrayList<>();
      Random random = new Random(7);
      for (int i = 0; i < MESSAGES; i++) {
        messages.add(message(run + "-" + i, random));
      }
      String what = switch (mode) {
        case "single" -> "one transaction per append";
        case "orm" -> "group commit, ORM commit path";
        case "jdbc" -> "group commit, JDBC commit path";
        default -> throw new IllegalArgumentException("journal.bench.modes: unknown mode " + mode
            + " (single, orm, jdbc)");
      };
      System.setProperty("sovereign.archive.journal.max-batch", mode.equals("single") ? "1" : "256");
      System.setProperty("sovereign.archive.journal.commit-path", mode.equals("orm") ? "orm" : "jdbc");
      try (Archive archive = Archive.open(settings)) {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
          // Round 1: new messages (blob written and fsynced, then the entry). Round 2: the same bytes under
          // new spool records, so the blob is already there and only the journal commit path is measured.
          round(archive, pool, messages, "b" + run + "-", what + ", new messages (blob + entry)");
          round(archive, pool, messages, "a" + run + "-", what + ", stored messages (entry only)");
        } finally {
          pool.shutdown();
        }
        assertThat(archive.journal().verify().clean()).isTrue();
      } finally {
        System.clearProperty("sovereign.archive.journal.max-batch");
        System.clearProperty("sovereign.archive.journal.commit-path");
      }
    }
  }

  private static void round(Archive archive, ExecutorService pool, List<byte[]> messages, String prefix, String what)
      throws Exception {
    BenchCpu before = BenchCpu.now();
    long started = System.nanoTime();
    List<Future<JournalReceipt>> futures = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      int n = i;
      futures.add(pool.submit(() -> archive.journal().append(prefix + n, envelope(n), messages.get(n))));
    }
    for (Future<JournalReceipt> future : futures) {
      assertThat(future.get().duplicate()).isFalse();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("journal throughput, %s: %d appends of %d bytes from %d threads in %.2f s = %.0f appends/s, %s%n",
        what, messages.size(), MESSAGE_BYTES, THREADS, seconds, messages.size() / seconds,
        BenchCpu.now().since(before, messages.size(), "append"));
  }

  /**
   * CPU time used so far by this JVM (the harness, the archive) and by its child processes (MariaDB): on a shared
   * machine the appends/s depend on the load, the CPU per append much less.
   */

  private static Envelope envelope(int n) {
    return new Envelope("sender" + n + "@example.eu", List.of("to" + n + "@example.org", "bcc" + n + "@example.org"),
        Direction.INBOUND, "192.0.2.1", null, "gw-bench", Instant.parse("2026-05-12T08:00:00Z").plusMillis(n));
  }

  /** A 10 KB text message, distinct per {@code n}. */
  private static byte[] message(String n, Random random) {
    String[] words = {"budget", "meeting", "court", "filing", "report", "draft", "review", "hearing", "agenda"};
    StringBuilder text = new StringBuilder("Message-ID: <bench" + n + "@example.eu>\r\nFrom: sender" + n
        + "@example.eu\r\nTo: to" + n + "@example.org\r\nSubject: bench " + n + "\r\n\r\n");
    while (text.length() < MESSAGE_BYTES - 2) {
      text.append(words[random.nextInt(words.length)]).append(text.length() % 72 < 8 ? "\r\n" : " ");
    }
    text.setLength(MESSAGE_BYTES - 2);
    return text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }
}
