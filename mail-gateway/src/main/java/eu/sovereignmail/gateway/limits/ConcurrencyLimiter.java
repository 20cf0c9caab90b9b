package eu.sovereignmail.gateway.limits;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts open sessions per key (a user, a client address) against a ceiling, so one account or host cannot take
 * every slot; each granted {@link Permit} gives its slot back once, when closed.
 */
public final class ConcurrencyLimiter {
  private final int perKey;
  private final Map<String, Integer> open = new HashMap<>();

  public ConcurrencyLimiter(int perKey) {
    if (perKey < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    this.perKey = perKey;
  }

  /** A slot for {@code key}, or empty when it already holds the maximum. */
  public synchronized Optional<Permit> tryAcquire(String key) {
    int current = open.getOrDefault(key, 0);
    if (current >= perKey) {
      return Optional.empty();
    }
    open.put(key, current + 1);
    return Optional.of(new Permit(this, key));
  }

  /** Sessions open for {@code key}. */
  public synchronized int open(String key) {
    return open.getOrDefault(key, 0);
  }

  private synchronized void release(String key) {
    open.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
  }

  /** One held slot; closing it more than once gives it back only once. */
  public static final class Permit implements AutoCloseable {
    private final ConcurrencyLimiter owner;
    private final String key;
    private boolean closed;

    private Permit(ConcurrencyLimiter owner, String key) {
      this.owner = owner;
      this.key = key;
    }

    @Override
    public void close() {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      owner.release(key);
    }
  }
}
