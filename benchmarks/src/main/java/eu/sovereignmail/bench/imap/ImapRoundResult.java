package eu.sovereignmail.bench.imap;

import eu.sovereignmail.bench.common.ProcessCpu;

/**
 * One target's share of one round: sessions completed, the wall time they took, their per-step latencies, and the CPU
 * each process (harness with the gateway, James, MariaDB) used meanwhile.
 */
public record ImapRoundResult(String round, String target, int sessions, int failures, long nanos, Latencies latencies,
    ProcessCpu cpu) {
  public double sessionsPerSecond() {
    return sessions / (nanos / 1e9);
  }
}
