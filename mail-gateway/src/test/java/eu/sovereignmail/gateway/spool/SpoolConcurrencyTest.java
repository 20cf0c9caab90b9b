package eu.sovereignmail.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolConcurrencyTest {
  @TempDir Path dir;

  /** Every fsync takes a few milliseconds, like a real disk under load, so commits pile up behind it. */
  static FileChannelOpener slowDisk(long millis) {
    return (path, options) -> new ForwardingFileChannel(FileChannel.open(path, options)) {
      @Override
      public void force(boolean metaData) throws IOException {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        super.force(metaData);
      }
    };
  }

  @Test
  void manyThreadsCommitAndShareFsyncs() throws Exception {
    int threads = 8;
    int perThread = 40;
    List<Envelope> envelopes = new ArrayList<>();
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), slowDisk(3));
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<List<CompletableFuture<SpoolEntry>>>> submitted = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<Envelope> mine = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          mine.add(TestEnvelopes.envelope());
        }
        envelopes.addAll(mine);
        submitted.add(pool.submit(() -> {
          List<CompletableFuture<SpoolEntry>> futures = new ArrayList<>();
          for (Envelope e : mine) {
            futures.add(spool.accept(e, new ByteArrayInputStream(TestEnvelopes.messageFor(e.id()))));
          }
          return futures;
        }));
      }
      for (var batch : submitted) {
        for (CompletableFuture<SpoolEntry> future : batch.get()) {
          assertThat(future.get(30, TimeUnit.SECONDS)).isNotNull();
        }
      }
      SpoolStats stats = spool.stats();
      assertThat(stats.requests()).isEqualTo((long) threads * perThread);
      assertThat(stats.largestBatch()).isGreaterThan(1);
      assertThat(stats.batches()).isLessThan(stats.requests());
      assertThat(spool.list()).hasSize(threads * perThread);
    }
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      assertThat(spool.recover()).hasSize(threads * perThread);
      for (Envelope e : envelopes) {
        assertThat(SpoolTest.read(spool, e.id())).isEqualTo(TestEnvelopes.messageFor(e.id()));
      }
    }
  }

  @Test
  void concurrentStateUpdatesAreAllDurable() throws Exception {
    List<Envelope> envelopes = new ArrayList<>();
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults(), slowDisk(2))) {
      for (int i = 0; i < 30; i++) {
        Envelope e = TestEnvelopes.envelope("x@example.eu");
        spool.accept(e, new ByteArrayInputStream(new byte[] {1})).get();
        envelopes.add(e);
      }
      List<CompletableFuture<Void>> marks = new ArrayList<>();
      envelopes.parallelStream().forEach(e -> {
        synchronized (marks) {
          marks.add(spool.markJournaled(e.id()));
        }
      });
      CompletableFuture.allOf(marks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }
    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      assertThat(spool.recover()).hasSize(30).allSatisfy(e -> assertThat(e.journaled()).isTrue());
    }
  }
}
