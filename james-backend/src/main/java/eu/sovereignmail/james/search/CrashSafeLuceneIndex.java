package eu.sovereignmail.james.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.apache.james.lifecycle.api.Startable;
import org.apache.james.mailbox.indexer.ReIndexer;
import org.apache.james.mailbox.lucene.search.LuceneMessageSearchIndex;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Lucene mailbox index usable across crashes. James 3.8.1 commits the index only when it
 * closes, so a kill -9 would lose every entry since start. This commits every {@link #COMMIT_EVERY}
 * and, when the previous run did not stop cleanly (its marker file is still there), rebuilds the
 * whole index from the database in the background, which also covers the last uncommitted second.
 * The marker is removed by {@link LuceneIndexDirectory#markCleanStop()} once the server has stopped.
 */
@Singleton
public final class CrashSafeLuceneIndex implements Startable {
  private static final Logger LOG = LoggerFactory.getLogger(CrashSafeLuceneIndex.class);
  static final Duration COMMIT_EVERY = Duration.ofSeconds(1);
  private static final int REINDEX_MESSAGES_PER_SECOND = 1000;

  private final LuceneMessageSearchIndex index;
  private final ReIndexer reIndexer;
  private final Path marker;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lucene-commit");
        thread.setDaemon(true);
        return thread;
      });

  @Inject
  CrashSafeLuceneIndex(LuceneMessageSearchIndex index, ReIndexer reIndexer, LuceneIndexDirectory directory) {
    this.index = index;
    this.reIndexer = reIndexer;
    this.marker = directory.runningMarker();
  }

  /** Called once James has started: schedules commits and repairs the index after an unclean stop. */
  public void start() throws IOException {
    boolean unclean = Files.exists(marker);
    Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
    scheduler.scheduleWithFixedDelay(this::commit, COMMIT_EVERY.toMillis(), COMMIT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    if (unclean) {
      LOG.warn("event=lucene.unclean_stop action=reindex_all");
      scheduler.execute(this::reindexAll);
    }
  }

  private void reindexAll() {
    long started = System.nanoTime();
    try {
      ReIndexer.RunningOptions options = ReIndexer.RunningOptions.builder()
          .messagesPerSeconds(java.util.Optional.of(REINDEX_MESSAGES_PER_SECOND))
          .build();
      var result = reIndexer.reIndex(options).run();
      commit();
      LOG.info("event=lucene.reindex result={} ms={}", result, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.error("event=lucene.reindex_failed error={}", e.toString(), e);
    }
  }

  private void commit() {
    try {
      index.commit();
    } catch (AlreadyClosedException e) {
      LOG.debug("event=lucene.commit_skipped reason=closed");
    } catch (IOException | RuntimeException e) {
      LOG.warn("event=lucene.commit_failed error={}", e.toString());
    }
  }

  /**
   * Stops the periodic commits. The marker stays: James is still delivering while it stops, and only
   * {@link LuceneIndexDirectory#markCleanStop()}, after the whole server has stopped, removes it.
   */
  @PreDestroy
  public void stop() {
    scheduler.shutdownNow();
    commit();
  }
}
