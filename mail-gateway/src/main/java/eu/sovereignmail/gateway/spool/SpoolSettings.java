package eu.sovereignmail.gateway.spool;

/**
 * Spool tuning. {@code maxBatchSize}: how many pending commits one group fsync may cover (1 = one fsync per message,
 * the baseline group commit is measured against).
 */
public record SpoolSettings(int maxBatchSize) {
  public SpoolSettings {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("spool.maxBatchSize must be at least 1, was " + maxBatchSize);
    }
  }

  public static SpoolSettings defaults() {
    return new SpoolSettings(1024);
  }
}
