package eu.sovereignmail.archive.journal.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: requests from many threads are queued and one committer thread runs them in batches, in
 * arrival order, as one unit of work each (one lock, one commit), so the cost of a durable commit is
 * shared by everyone who was waiting. {@link #submit} returns only once its request's batch has
 * completed. A failed batch is retried one request at a time, so one bad request fails only itself.
 *
 * @param <R> a request
 * @param <T> its result
 */
final class GroupCommit<R, T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  /** The result of one request in a batch: a value, or the exception that request alone fails with. */
  record Outcome<T>(T value, RuntimeException failure) {
    static <T> Outcome<T> of(T value) {
      return new Outcome<>(value, null);
    }

    static <T> Outcome<T> failed(RuntimeException failure) {
      return new Outcome<>(null, failure);
    }
  }

  private record Pending<R, T>(R request, CompletableFuture<T> result) {}

  private final Function<List<R>, List<Outcome<T>>> work;
  private final int maxBatch;
  private final BlockingQueue<Pending<R, T>> queue = new LinkedBlockingQueue<>();
  private final Pending<R, T> stop = new Pending<>(null, new CompletableFuture<>());
  private final Thread committer;
  private boolean closed; // guarded by queue

  /**
   * Starts the committer thread {@code name}; {@code work} runs a batch (at most {@code maxBatch}
   * requests) and returns one outcome per request, in order, or throws when the whole batch failed.
   */
  GroupCommit(String name, int maxBatch, Function<List<R>, List<Outcome<T>>> work) {
    this.work = work;
    this.maxBatch = maxBatch;
    this.committer = Thread.ofPlatform().name(name).daemon().start(this::run);
  }

  /** Runs {@code request} in the next batch and returns its result once that batch has completed. */
  T submit(R request) throws IOException {
    Pending<R, T> pending = new Pending<>(request, new CompletableFuture<>());
    synchronized (queue) {
      if (closed) {
        throw new IllegalStateException("the journal is closed");
      }
      queue.add(pending);
    }
    try {
      return pending.result().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the journal commit: the append may or may not"
          + " have committed; redo it (appends are idempotent)");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IOException(cause);
    }
  }

  private void run() {
    List<Pending<R, T>> batch = new ArrayList<>(maxBatch);
    boolean stopping = false;
    while (!stopping) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, maxBatch - 1);
      stopping = batch.remove(stop);
      if (!batch.isEmpty()) {
        process(batch);
      }
      batch.clear();
    }
  }

  private void process(List<Pending<R, T>> batch) {
    List<Outcome<T>> outcomes;
    try {
      outcomes = work.apply(batch.stream().map(Pending::request).toList());
    } catch (RuntimeException | Error e) {
      if (batch.size() == 1) {
        batch.getFirst().result().completeExceptionally(e);
      } else {
        LOG.warn("event=journal.batch_failed size={} error=\"{}\" then=one_by_one", batch.size(), e.toString());
        for (Pending<R, T> one : batch) {
          process(List.of(one));
        }
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      Outcome<T> outcome = outcomes.get(i);
      if (outcome.failure() != null) {
        batch.get(i).result().completeExceptionally(outcome.failure());
      } else {
        batch.get(i).result().complete(outcome.value());
      }
    }
  }

  /** Lets queued requests finish, then stops the committer; later submits fail. */
  @Override
  public void close() {
    synchronized (queue) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(stop); // behind every request already queued; nothing is queued after it
    }
    try {
      committer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Pending<R, T> left;
    while ((left = queue.poll()) != null) {
      if (left != stop) {
        left.result().completeExceptionally(new IllegalStateException("the journal closed before this append committed"));
      }
    }
  }
}
