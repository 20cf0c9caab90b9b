package eu.sovereignmail.gateway.imap.server;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few James connections opened ahead of logins: connected, greeted, capabilities read, not logged in (IMAP cannot
 * log a connection in twice, so each is used once). Taking one saves a login the connect and greeting round trips;
 * a background virtual thread tops the pool up again. Connections older than {@code maxIdle} are closed, not used;
 * after a failed connect the pool waits a second before it tries again (James down: logins connect themselves and
 * get their own error).
 */
final class GreetedPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GreetedPool.class);
  private static final long RETRY_AFTER_FAILURE_NANOS = Duration.ofSeconds(1).toNanos();

  /** A greeted James connection; {@code in} holds what was read from it so far. */
  record Greeted(Socket socket, BackendLines in, boolean saslIr, long openedNanos) {
    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  /** Opens one greeted connection. */
  @FunctionalInterface
  interface Opener {
    Greeted open() throws IOException;
  }

  private final int size;
  private final long maxIdleNanos;
  private final Opener opener;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Greeted> idle = new ArrayDeque<>();
  private boolean refilling;
  private boolean closed;
  private long failedAt;
  private boolean failed;

  GreetedPool(int size, Duration maxIdle, Opener opener) {
    if (size < 0) {
      throw new IllegalArgumentException("pool size must not be negative");
    }
    this.size = size;
    this.maxIdleNanos = maxIdle.toNanos();
    this.opener = opener;
  }

  /** The most recently greeted connection that is young enough, if any; older ones are closed on the way. */
  Optional<Greeted> take() {
    List<Greeted> expired = new ArrayList<>();
    Greeted found = null;
    lock.lock();
    try {
      long now = System.nanoTime();
      while (found == null && !idle.isEmpty()) {
        Greeted candidate = idle.pollLast();
        if (now - candidate.openedNanos() < maxIdleNanos) {
          found = candidate;
        } else {
          expired.add(candidate);
        }
      }
      // Anything left below the newest is older still: drop what has expired.
      while (!idle.isEmpty() && now - idle.peekFirst().openedNanos() >= maxIdleNanos) {
        expired.add(idle.pollFirst());
      }
    } finally {
      lock.unlock();
    }
    expired.forEach(Greeted::close);
    return Optional.ofNullable(found);
  }

  /** Tops the pool up on a virtual thread unless that is already under way (or the last attempt just failed). */
  void refill() {
    lock.lock();
    try {
      if (size == 0 || closed || refilling || idle.size() >= size
          || failed && System.nanoTime() - failedAt < RETRY_AFTER_FAILURE_NANOS) {
        return;
      }
      refilling = true;
    } finally {
      lock.unlock();
    }
    Thread.ofVirtual().name("imap-backend-pool").start(this::fill);
  }

  private void fill() {
    try {
      while (true) {
        lock.lock();
        try {
          if (closed || idle.size() >= size) {
            return;
          }
        } finally {
          lock.unlock();
        }
        Greeted greeted;
        try {
          greeted = opener.open();
        } catch (IOException | RuntimeException e) {
          lock.lock();
          try {
            failed = true;
            failedAt = System.nanoTime();
          } finally {
            lock.unlock();
          }
          LOG.debug("event=imap.backend_pool_fill_failed error=\"{}\"", e.getMessage());
          return;
        }
        boolean kept;
        lock.lock();
        try {
          failed = false;
          kept = !closed && idle.size() < size;
          if (kept) {
            idle.addLast(greeted);
          }
        } finally {
          lock.unlock();
        }
        if (!kept) {
          greeted.close();
          return;
        }
      }
    } finally {
      lock.lock();
      try {
        refilling = false;
      } finally {
        lock.unlock();
      }
    }
  }

  int idle() {
    lock.lock();
    try {
      return idle.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    List<Greeted> open;
    lock.lock();
    try {
      closed = true;
      open = new ArrayList<>(idle);
      idle.clear();
    } finally {
      lock.unlock();
    }
    open.forEach(Greeted::close);
  }
}
