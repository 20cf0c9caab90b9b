package eu.sovereignmail.bench.imap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Latencies of each {@link Step}, in nanoseconds, gathered by many client threads: the raw samples, so that medians
 * and 95th percentiles are exact rather than estimated from buckets.
 */
public final class Latencies {
  private final Map<Step, List<Long>> samples = new EnumMap<>(Step.class);

  public synchronized void add(Step step, long nanos) {
    samples.computeIfAbsent(step, s -> new ArrayList<>()).add(nanos);
  }

  public synchronized void addAll(Latencies other) {
    Map<Step, List<Long>> copy;
    synchronized (other) {
      copy = new EnumMap<>(Step.class);
      other.samples.forEach((step, list) -> copy.put(step, List.copyOf(list)));
    }
    copy.forEach((step, list) -> samples.computeIfAbsent(step, s -> new ArrayList<>()).addAll(list));
  }

  public synchronized int count(Step step) {
    return samples.getOrDefault(step, List.of()).size();
  }

  /** The {@code quantile} (0..1, nearest rank) of {@code step}'s latencies in milliseconds; empty without samples. */
  public synchronized OptionalDouble millis(Step step, double quantile) {
    List<Long> list = samples.get(step);
    if (list == null || list.isEmpty()) {
      return OptionalDouble.empty();
    }
    long[] sorted = list.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(quantile * sorted.length);
    return OptionalDouble.of(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0);
  }
}
