package eu.sovereignmail.gateway.metrics;

import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The spool's gauges (depth, oldest age, held, group-commit batch sizes), so operators see a backlog building before
 * senders do. One scrape reads the spool once: the queue figures are computed together and reused for a short while.
 */
public final class SpoolMetrics implements MeterBinder {
  /** How long one look at the spool serves every queue gauge. */
  public static final Duration DEFAULT_REUSE = Duration.ofSeconds(1);

  private final Spool spool;
  private final Clock clock;
  private final Duration reuse;
  private QueueFigures figures;

  public SpoolMetrics(Spool spool, Clock clock) {
    this(spool, clock, DEFAULT_REUSE);
  }

  public SpoolMetrics(Spool spool, Clock clock, Duration reuse) {
    this.spool = Objects.requireNonNull(spool, "spool");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.reuse = Objects.requireNonNull(reuse, "reuse");
  }

  /** Depth, held and oldest age of the queue at {@code at}. */
  record QueueFigures(Instant at, int depth, int held, double oldestAgeSeconds) {
    static QueueFigures of(List<SpoolEntry> entries, Instant now) {
      int held = (int) entries.stream().filter(SpoolEntry::held).count();
      // Entries are listed oldest first.
      double oldest = entries.isEmpty() ? 0 : Math.max(0, entries.getFirst().age(now).toMillis() / 1000.0);
      return new QueueFigures(now, entries.size(), held, oldest);
    }
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    queueGauge(registry, "sovereign.queue.depth", "Messages in the spool", QueueFigures::depth);
    queueGauge(registry, "sovereign.queue.held", "Messages held by an operator", QueueFigures::held);
    Gauge.builder("sovereign.queue.oldest.age", this, m -> m.figures().oldestAgeSeconds())
        .description("Age of the oldest message in the spool")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
    Gauge.builder("sovereign.spool.fsync.batch.mean", spool, s -> s.stats().meanBatchSize())
        .description("Mean number of commits per group fsync since start")
        .register(registry);
    Gauge.builder("sovereign.spool.fsync.batch.largest", spool, s -> s.stats().largestBatch())
        .description("Largest number of commits in one group fsync since start")
        .register(registry);
  }

  private void queueGauge(MeterRegistry registry, String name, String description, ToDoubleFunction<QueueFigures> value) {
    // Strong: callers bind and drop the binder; a weakly held one would read NaN after the next GC.
    Gauge.builder(name, this, m -> value.applyAsDouble(m.figures())).description(description).strongReference(true)
        .register(registry);
  }

  /** The queue figures, computed again only when the last ones are older than the reuse period. */
  synchronized QueueFigures figures() {
    Instant now = clock.instant();
    if (figures == null || !now.isBefore(figures.at().plus(reuse)) || now.isBefore(figures.at())) {
      figures = QueueFigures.of(spool.list(), now);
    }
    return figures;
  }
}
