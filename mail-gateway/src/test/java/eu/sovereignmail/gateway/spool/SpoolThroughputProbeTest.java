package eu.sovereignmail.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a benchmark harness, a probe: commits/s on this disk with group commit and with one fsync per message, side by
 * side. Run with {@code -Dspool.probe=true} (off by default: it writes to disk for several seconds).
 */
@EnabledIfSystemProperty(named = "spool.probe", matches = "true")
class SpoolThroughputProbeTest {
  @TempDir Path dir;

  @Test
  void groupCommitAgainstOneFsyncPerMessage() throws Exception {
    int threads = Integer.getInteger("spool.probe.threads", 32);
    long millis = Long.getLong("spool.probe.millis", 3000);
    byte[] message = new byte[Integer.getInteger("spool.probe.bytes", 4096)];
    for (int maxBatch : new int[] {1, 1024, 1, 1024}) {
      Path spoolDir = dir.resolve("batch-" + maxBatch + "-" + System.nanoTime());
      try (Spool spool = Spool.open(spoolDir, new SpoolSettings(maxBatch))) {
        AtomicLong commits = new AtomicLong();
        long end = System.nanoTime() + millis * 1_000_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          workers.add(Thread.ofPlatform().start(() -> {
            while (System.nanoTime() < end) {
              CompletableFuture<SpoolEntry> f = spool.accept(TestEnvelopes.envelope(), new ByteArrayInputStream(message));
              f.join();
              commits.incrementAndGet();
            }
          }));
        }
        for (Thread worker : workers) {
          worker.join();
        }
        SpoolStats stats = spool.stats();
        System.out.printf("spool.probe maxBatch=%d threads=%d bytes=%d commits_per_s=%.0f mean_batch=%.1f largest_batch=%d fsync_ms_per_batch=%.2f%n",
            maxBatch, threads, message.length, commits.get() * 1000.0 / millis, stats.meanBatchSize(), stats.largestBatch(),
            stats.fsyncNanos() / 1e6 / Math.max(1, stats.batches()));
        assertThat(commits.get()).isPositive();
      }
    }
  }
}
