package eu.sovereignmail.gateway.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The named components of the running system and their checks, run side by side with a time limit. */
public final class Health implements AutoCloseable {
  private final Map<String, HealthCheck> checks = new LinkedHashMap<>();
  private final Duration timeout;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public Health(Duration timeout) {
    this.timeout = timeout;
  }

  /** Adds (or replaces) the check of component {@code name}; components are reported in the order added. */
  public synchronized Health register(String name, HealthCheck check) {
    checks.put(name, check);
    return this;
  }

  /** Runs every check now. */
  public HealthReport check() {
    Map<String, HealthCheck> snapshot;
    synchronized (this) {
      snapshot = new LinkedHashMap<>(checks);
    }
    Map<String, CompletableFuture<ComponentState>> running = new LinkedHashMap<>();
    snapshot.forEach((name, check) -> running.put(name, CompletableFuture.supplyAsync(() -> run(check), executor)));
    Map<String, ComponentState> states = new LinkedHashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    running.forEach((name, future) -> {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        states.put(name, future.get(left, TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        future.cancel(true);
        states.put(name, ComponentState.down("no answer within " + timeout.toMillis() + " ms"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        states.put(name, ComponentState.down("interrupted"));
      } catch (Exception e) {
        states.put(name, ComponentState.down(String.valueOf(e.getMessage())));
      }
    });
    return new HealthReport(states);
  }

  private static ComponentState run(HealthCheck check) {
    try {
      check.check();
      return ComponentState.ok();
    } catch (Exception e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return ComponentState.down(reason);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
