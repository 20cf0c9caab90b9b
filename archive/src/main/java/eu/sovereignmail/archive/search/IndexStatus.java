package eu.sovereignmail.archive.search;

import java.time.Instant;

/**
 * How far the index has followed the journal, for {@code archive status} and health checks.
 *
 * @param journalHead the last journal sequence number
 * @param indexedThrough the last sequence number the index has taken in
 * @param archivedMessages distinct archived messages (after Message-ID dedup)
 * @param oldestWaiting when the oldest entry still waiting for the index was received, or {@code null}
 */
public record IndexStatus(long journalHead, long indexedThrough, long archivedMessages, Instant oldestWaiting) {
  /** Journal entries not yet searchable. */
  public long lag() {
    return Math.max(0, journalHead - indexedThrough);
  }
}
