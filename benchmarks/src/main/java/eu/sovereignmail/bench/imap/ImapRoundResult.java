package eu.sovereignmail.bench.imap;

/** One target's share of one round: sessions completed, the wall time they took, their per-step latencies. */
public record ImapRoundResult(String round, String target, int sessions, int failures, long nanos, Latencies latencies) {
  public double sessionsPerSecond() {
    return sessions / (nanos / 1e9);
  }
}
