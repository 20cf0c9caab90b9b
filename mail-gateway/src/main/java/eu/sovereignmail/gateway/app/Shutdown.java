package eu.sovereignmail.gateway.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts started so far, stopped in reverse order of start exactly once: safe to call from a signal
 * handler while a start is still under way (a part registered after closing is stopped at once).
 */
public final class Shutdown {
  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

  /** Stops one part; must not throw for a part that is already gone. */
  @FunctionalInterface
  public interface Stopper {
    void stop() throws Exception;
  }

  private record Part(String name, Stopper stopper) {}

  private final Deque<Part> parts = new ArrayDeque<>();
  private boolean closed;

  /** Remembers a started part; returns false (after stopping it) when shutdown has already begun. */
  public boolean register(String name, Stopper stopper) {
    synchronized (this) {
      if (!closed) {
        parts.push(new Part(name, stopper));
        return true;
      }
    }
    stop(new Part(name, stopper));
    return false;
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /** Stops every registered part, newest first. */
  public void closeAll() {
    while (true) {
      Part part;
      synchronized (this) {
        closed = true;
        part = parts.poll();
      }
      if (part == null) {
        return;
      }
      stop(part);
    }
  }

  private static void stop(Part part) {
    long started = System.nanoTime();
    try {
      part.stopper().stop();
      LOG.info("event=part.stopped part={} ms={}", part.name(), (System.nanoTime() - started) / 1_000_000);
    } catch (Exception e) {
      LOG.warn("event=part.stop_failed part={} error={}", part.name(), e.toString());
    }
  }
}
