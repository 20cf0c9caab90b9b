package eu.sovereignmail.archive;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.IndexStatus;
import eu.sovereignmail.archive.search.SearchResult;
import eu.sovereignmail.archive.search.SearchSettings;
import eu.sovereignmail.archive.search.SearchSort;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The archive's ingest and search benchmark for docs/benchmarks.md ("Archive indexing"): a generated corpus
 * ({@link CorpusGenerator}, ~10 KB messages, attachments, threads, 30 % duplicates and journal copies) journaled
 * through {@code Archive.journal().append} from several threads, then indexed by the journal indexer, then a fixed
 * mix of 20 queries timed over several rounds, then {@code Archive.stats()}. Prints figures, asserts only that
 * nothing was lost. A benchmark, not a check: it runs only with {@code -Darchive.bench=true}
 * ({@code benchmarks/run-archive-benchmark N}). Sized by {@code archive.bench.messages} (default 10,000),
 * {@code archive.bench.threads} (appenders, default 8), {@code archive.bench.rounds} (query rounds after one
 * warm-up round, default 5); {@code archive.bench.keep=true} keeps the data directory.
 */
@EnabledIfSystemProperty(named = "archive.bench", matches = "true")
class ArchiveIngestBenchmarkIT {
  private static final int MESSAGES = Integer.getInteger("archive.bench.messages", 10_000);
  private static final int THREADS = Integer.getInteger("archive.bench.threads", 8);
  private static final int ROUNDS = Integer.getInteger("archive.bench.rounds", 5);
  private static final boolean AUDIT = Boolean.parseBoolean(System.getProperty("archive.bench.audit", "true"));
  private static final int THRESHOLD =
      Integer.getInteger("archive.bench.threshold", SearchSettings.DEFAULT_TOTAL_HIT_COUNT_THRESHOLD);
  private static final long SEED = 11;
  private static final String PASSWORD = "bench-secret";
  private static final String NAMED_DIR = System.getProperty("archive.bench.dir", "");
  private static final Path DIR = (NAMED_DIR.isBlank() ? Path.of("target", "bench-archive-" + System.nanoTime())
      : Path.of(NAMED_DIR)).toAbsolutePath();
  private static final Actor LEGAL = new Actor("bench", Set.of("legal"));

  /** The fixed query mix: every field of the query language, selective and broad, as a legal team types them. */
  static List<String> queryMix(int messages) {
    return List.of(
        "budget",
        "from:alice",
        "to:bob@example.eu",
        "participant:carol",
        "bcc:eve",
        "subject:hearing",
        "subject:\"court filing\"",
        "body:procurement",
        "\"data protection\"",
        "attachment:invoice",
        "filename:figures",
        "has:attachment",
        "after:2024-01-10 before:2024-01-20",
        "on:2024-01-03",
        "size>20k",
        "direction:inbound deadline",
        "messageid:" + CorpusGenerator.messageId(SEED, messages / 3),
        "hearing OR tender",
        "(from:alice OR from:bob) -subject:re",
        "\"sovereign infrastructure\" to:zoe");
  }

  private static EmbeddedMariaDb mariaDb;

  @BeforeAll
  static void startMariaDb() throws Exception {
    mariaDb = EmbeddedMariaDb.start(DIR.resolve("mariadb"), Ports.freeLoopbackPort());
    mariaDb.ensureDatabase("archive", "archive", PASSWORD);
  }

  @AfterAll
  static void stopMariaDb() throws IOException {
    if (mariaDb != null) {
      mariaDb.close();
    }
    if (!Boolean.getBoolean("archive.bench.keep") && NAMED_DIR.isBlank()) {
      delete(DIR);
    } else {
      System.out.println("archive bench: data kept in " + DIR);
    }
  }

  @Test
  void ingestIndexAndSearch() throws Exception {
    Path keyFile = DIR.resolve("keys").resolve("archive.keys");
    boolean reuse = Files.exists(keyFile);
    if (!reuse) {
      KeyRing.createKeyFile(keyFile);
    }
    Path index = DIR.resolve("index");
    ArchiveSettings settings = new ArchiveSettings(mariaDb.jdbcUrl("archive"), "archive", PASSWORD,
        DIR.resolve("blobs"), keyFile, Math.max(10, THREADS + 2),
        SearchSettings.lucene(index).withTotalHitCountThreshold(THRESHOLD));
    System.out.printf("archive bench: %d messages, %d appender threads, %d cores, max heap %d MB, exact totals up to %d%n",
        MESSAGES, THREADS, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        THRESHOLD);

    // 1. Journal (indexer off, so the two costs are measured apart); skipped when a kept directory is reused.
    AtomicLong rawBytes = new AtomicLong();
    long started = System.nanoTime();
    BenchCpu cpuStart = BenchCpu.now();
    if (reuse) {
      System.out.printf("archive bench: reusing the journal and index in %s%n", DIR);
    } else {
      journal(settings, index, rawBytes);
    }
    double journalSeconds = (System.nanoTime() - started) / 1e9;
    BenchCpu cpuJournal = BenchCpu.now();
    if (!reuse) {
      System.out.printf("archive bench: journal: %d appends (average %d bytes) in %.1f s = %.0f msg/s; %s%n", MESSAGES,
          rawBytes.get() / MESSAGES, journalSeconds, MESSAGES / journalSeconds, cpuJournal.since(cpuStart, MESSAGES, "message"));
    }

    // 2. Index: the indexer follows the journal from 0 in the background as it does in the gateway.
    try (Archive archive = AUDIT ? Archive.open(settings) : Archive.open(settings, event -> { })) {
      long indexStarted = System.nanoTime();
      IndexStatus status = archive.search().status();
      boolean indexing = status.lag() > 0;
      long lastPrint = System.nanoTime();
      while (status.lag() > 0) {
        Thread.sleep(200);
        status = archive.search().status();
        if (System.nanoTime() - lastPrint > 30_000_000_000L) {
          lastPrint = System.nanoTime();
          System.out.printf("archive bench: indexing: %d of %d after %.0f s%n", status.indexedThrough(),
              status.journalHead(), (lastPrint - indexStarted) / 1e9);
        }
      }
      double indexSeconds = (System.nanoTime() - indexStarted) / 1e9;
      BenchCpu cpuIndex = BenchCpu.now();
      if (indexing) {
        System.out.printf("archive bench: index: %d entries (%d archived messages) in %.1f s = %.0f msg/s; %s "
                + "(includes opening the archive)%n", status.journalHead(), status.archivedMessages(), indexSeconds,
            status.journalHead() / indexSeconds, cpuIndex.since(cpuJournal, MESSAGES, "message"));
      }
      if (!reuse) {
        System.out.printf("archive bench: total: journal + index of %d messages in %.1f s = %.0f msg/s%n", MESSAGES,
            journalSeconds + indexSeconds, MESSAGES / (journalSeconds + indexSeconds));
      }
      assertThat(status.journalHead()).isEqualTo(MESSAGES);

      // 3. Queries: one warm-up round, then ROUNDS timed rounds of the same mix.
      List<String> mix = queryMix(MESSAGES);
      for (String query : mix) {
        SearchResult result = archive.search().search(LEGAL, query, SearchSort.DATE, 1, 20);
        System.out.printf("archive bench: query %-45s %8d%s hits%n", query, result.total(),
            result.totalExact() ? "" : "+");
      }
      List<Long> nanos = new ArrayList<>();
      // CPU time of the searching thread (Lucene, highlighting, entity loading, audit) depends much less on the
      // machine's load than wall-clock time; MariaDB's share of a search runs in its own process and is not in it.
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      List<Long> cpuNanos = new ArrayList<>();
      List<List<Long>> perQuery = new ArrayList<>();
      List<List<Long>> perQueryCpu = new ArrayList<>();
      mix.forEach(q -> {
        perQuery.add(new ArrayList<>());
        perQueryCpu.add(new ArrayList<>());
      });
      for (int round = 0; round < ROUNDS; round++) {
        for (int q = 0; q < mix.size(); q++) {
          SearchSort sort = nanos.size() % 2 == 0 ? SearchSort.DATE : SearchSort.RELEVANCE;
          long c0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          archive.search().search(LEGAL, mix.get(q), sort, 1 + round % 3, 20);
          long took = System.nanoTime() - t0;
          cpuNanos.add(threads.getCurrentThreadCpuTime() - c0);
          perQueryCpu.get(q).add(cpuNanos.getLast());
          nanos.add(took);
          perQuery.get(q).add(took);
        }
      }
      for (int q = 0; q < mix.size(); q++) {
        List<Long> times = perQuery.get(q);
        times.sort(null);
        List<Long> cpu = perQueryCpu.get(q);
        cpu.sort(null);
        System.out.printf("archive bench: query %-45s %-9s median %6.1f ms (CPU %5.1f ms), max %6.1f ms%n", mix.get(q),
            q % 2 == 0 ? "date" : "relevance", percentile(times, 50), percentile(cpu, 50),
            times.get(times.size() - 1) / 1e6);
      }
      nanos.sort(null);
      System.out.printf("archive bench: search: %d queries (%d rounds of %d, pages 1-3, date and relevance sort): "
              + "p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", nanos.size(), ROUNDS, mix.size(), percentile(nanos, 50),
          percentile(nanos, 95), nanos.get(nanos.size() - 1) / 1e6);
      cpuNanos.sort(null);
      System.out.printf("archive bench: search CPU (searching thread): p50 %.1f ms, p95 %.1f ms, max %.1f ms, "
          + "mean %.1f ms%n", percentile(cpuNanos, 50), percentile(cpuNanos, 95), cpuNanos.get(cpuNanos.size() - 1) / 1e6,
          cpuNanos.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6);

      // 4. Storage.
      ArchiveStats stats = archive.stats();
      System.out.printf("archive bench: stats: %d entries, %d messages, %d blobs, raw %d MB (journaled %d MB), "
              + "stored %d MB, stored/raw %.3f, index %d MB%n", stats.entries(), stats.messages(), stats.blobs(),
          stats.rawBytes() >> 20, stats.journaledBytes() >> 20, stats.storedBytes() >> 20, stats.storedToRawRatio(),
          size(index) >> 20);
      assertThat(stats.entries()).isEqualTo(MESSAGES);
    }
  }

  private static void journal(ArchiveSettings settings, Path index, AtomicLong rawBytes) throws Exception {
    try (Archive archive = Archive.open(settings.withSearch(SearchSettings.lucene(index).withIndexer(false)))) {
      Iterator<CorpusGenerator.Item> items = new CorpusGenerator(SEED, "bench").iterator(MESSAGES);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> appenders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          appenders.add(pool.submit(() -> {
            while (true) {
              CorpusGenerator.Item item;
              synchronized (items) {
                if (!items.hasNext()) {
                  return null;
                }
                item = items.next();
              }
              rawBytes.addAndGet(item.raw().length);
              archive.journal().append(item.spoolRecordId(), item.envelope(), item.raw());
            }
          }));
        }
        for (Future<?> appender : appenders) {
          appender.get();
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  /**
   * CPU time used so far by this JVM (the harness, the archive, Lucene) and by its child processes (MariaDB): on a
   * shared machine the wall-clock rates depend on the load, the CPU per message does much less.
   */

  private static double percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index)) / 1e6;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
