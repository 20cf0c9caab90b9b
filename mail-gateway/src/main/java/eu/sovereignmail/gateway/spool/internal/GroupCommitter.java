package eu.sovereignmail.gateway.spool.internal;

import eu.sovereignmail.gateway.spool.FileChannelOpener;
import eu.sovereignmail.gateway.spool.SpoolException;
import eu.sovereignmail.gateway.spool.SpoolIoException;
import eu.sovereignmail.gateway.spool.SpoolStats;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes writes durable for many sessions at once: one thread takes whatever sync requests are pending, fsyncs each
 * file once (fdatasync: the data and the size needed to read it back) and the spool directory once (fsync: the new
 * names), then completes the whole batch. A failed fsync fails its futures with a {@link SpoolException}; nothing in a
 * batch completes before its fsyncs returned.
 */
public final class GroupCommitter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  private record Request(FileChannel channel, boolean newFile, CompletableFuture<Void> done) {}

  /** Queued by {@link #close()}: the committer finishes the requests before it, then stops. */
  private static final Request STOP = new Request(null, false, null);

  private static final int FSYNC_THREADS = 16;

  private final Path directory;
  private final FileChannelOpener opener;
  private final int maxBatchSize;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final ExecutorService completions = Executors.newVirtualThreadPerTaskExecutor();
  private final ExecutorService fsyncPool =
      Executors.newFixedThreadPool(FSYNC_THREADS, Thread.ofPlatform().name("spool-fsync-", 0).daemon(true).factory());
  private final Thread thread;
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger largestBatch = new AtomicInteger();
  private final AtomicLong fsyncNanos = new AtomicLong();
  private volatile boolean closed;

  public GroupCommitter(Path directory, FileChannelOpener opener, int maxBatchSize) {
    this.directory = directory;
    this.opener = opener;
    this.maxBatchSize = maxBatchSize;
    this.thread = Thread.ofPlatform().name("spool-group-commit").daemon(true).start(this::run);
  }

  /**
   * Fsyncs {@code channel} (and the directory when {@code newFile}, so the file's name is durable too) and then
   * closes it. Callbacks on the future run on a virtual thread, never on the committer thread.
   */
  public CompletableFuture<Void> syncAndClose(FileChannel channel, boolean newFile) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (queue) {
      if (!closed) {
        queue.add(new Request(channel, newFile, done));
        return done;
      }
    }
    closeQuietly(channel);
    done.completeExceptionally(new SpoolIoException("spool is closed", null));
    return done;
  }

  public SpoolStats stats() {
    return new SpoolStats(batches.get(), requests.get(), largestBatch.get(), fsyncNanos.get());
  }

  private void run() {
    List<Request> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
        queue.drainTo(batch, maxBatchSize - 1);
        stopping = batch.removeIf(r -> r == STOP);
        if (!batch.isEmpty()) {
          commit(batch);
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        stopping = true;
      } catch (RuntimeException bug) {
        LOG.error("event=spool.commit.bug batch={}", batch.size(), bug);
        batch.forEach(r -> {
          closeQuietly(r.channel());
          r.done().completeExceptionally(new SpoolIoException("spool commit failed: " + bug, bug));
        });
      } finally {
        batch.clear();
      }
    }
    failLeftovers();
  }

  private void failLeftovers() {
    List<Request> leftovers = new ArrayList<>();
    queue.drainTo(leftovers);
    leftovers.removeIf(r -> r == STOP);
    leftovers.forEach(r -> {
      closeQuietly(r.channel());
      r.done().completeExceptionally(new SpoolIoException("spool is closed", null));
    });
  }

  private void commit(List<Request> batch) {
    long start = System.nanoTime();
    Map<FileChannel, SpoolException> failures = new ConcurrentHashMap<>();
    Set<FileChannel> synced = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean anyNewFile = false;
    List<Callable<Void>> forces = new ArrayList<>();
    for (Request request : batch) {
      anyNewFile |= request.newFile();
      FileChannel channel = request.channel();
      if (synced.add(channel)) {
        forces.add(() -> {
          try {
            channel.force(false);
          } catch (IOException e) {
            failures.put(channel, SpoolException.of("fsync of spool file failed", e));
          }
          return null;
        });
      }
    }
    AtomicReference<SpoolException> directoryFailed = new AtomicReference<>();
    if (anyNewFile) {
      forces.add(() -> {
        directoryFailed.set(syncDirectory());
        return null;
      });
    }
    forceAll(forces);
    SpoolException directoryFailure = directoryFailed.get();
    long nanos = System.nanoTime() - start;
    record(batch.size(), nanos);
    LOG.debug("event=spool.group_commit batch={} files={} dir_sync={} fsync_us={} failures={}",
        batch.size(), synced.size(), anyNewFile, nanos / 1000, failures.size() + (directoryFailure == null ? 0 : 1));
    List<Request> completed = List.copyOf(batch);
    completions.execute(() -> {
      for (Request request : completed) {
        closeQuietly(request.channel());
        SpoolException failure = failures.get(request.channel());
        if (failure == null && request.newFile()) {
          failure = directoryFailure;
        }
        if (failure == null) {
          request.done().complete(null);
        } else {
          request.done().completeExceptionally(failure);
        }
      }
    });
  }

  /**
   * Runs the fsyncs of a batch side by side: the file system (ext4's jbd2, XFS's log) folds concurrent fsyncs into one
   * journal commit, where one after another would each pay a commit.
   */
  private void forceAll(List<Callable<Void>> forces) {
    try {
      if (forces.size() == 1) {
        forces.getFirst().call();
      } else {
        for (Future<Void> done : fsyncPool.invokeAll(forces)) {
          done.get();
        }
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during fsync", interrupted);
    } catch (Exception unexpected) {
      throw new IllegalStateException("fsync task failed", unexpected);
    }
  }

  private SpoolException syncDirectory() {
    try (FileChannel dir = opener.open(directory, Set.of(StandardOpenOption.READ))) {
      dir.force(true);
      return null;
    } catch (IOException e) {
      return SpoolException.of("fsync of spool directory failed", e);
    }
  }

  private void record(int size, long nanos) {
    batches.incrementAndGet();
    requests.addAndGet(size);
    largestBatch.accumulateAndGet(size, Math::max);
    fsyncNanos.addAndGet(nanos);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // the data is fsynced or its future failed; a failing close changes neither
    }
  }

  @Override
  public void close() {
    synchronized (queue) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    failLeftovers();
    fsyncPool.shutdown();
    completions.close();
  }
}
