package eu.sovereignmail.gateway.spool;

/** Group-commit figures since open: how many fsync batches, how many requests they covered, and fsync time. */
public record SpoolStats(long batches, long requests, int largestBatch, long fsyncNanos) {
  public double meanBatchSize() {
    return batches == 0 ? 0 : (double) requests / batches;
  }
}
