package eu.sovereignmail.archive.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * When the journal signs a checkpoint of its chain head: after every {@code everyEntries} new entries and
 * every {@code interval} if the chain grew (either may be off), besides on demand. Frequent checkpoints
 * bound how much history an attacker with database access could rewrite before it shows.
 *
 * @param everyEntries {@code archive.checkpoint.every-entries}: entries between checkpoints; 0 = not by count
 * @param interval {@code archive.checkpoint.interval}: time between checkpoints; zero = not by time
 */
public record CheckpointPolicy(int everyEntries, Duration interval) {
  /** The defaults: every 1,000 entries and every minute. */
  public static final CheckpointPolicy DEFAULT = new CheckpointPolicy(1000, Duration.ofMinutes(1));
  /** Only on demand: for tools (verify, stats) that open the archive without journaling. */
  public static final CheckpointPolicy ON_DEMAND_ONLY = new CheckpointPolicy(0, Duration.ZERO);

  public CheckpointPolicy {
    if (everyEntries < 0) {
      throw new IllegalArgumentException("archive.checkpoint.every-entries must be 0 or more");
    }
    Objects.requireNonNull(interval, "archive.checkpoint.interval");
    if (interval.isNegative() || (!interval.isZero() && interval.toMillis() < 1000)) {
      throw new IllegalArgumentException("archive.checkpoint.interval must be zero (off) or at least one second");
    }
  }
}
