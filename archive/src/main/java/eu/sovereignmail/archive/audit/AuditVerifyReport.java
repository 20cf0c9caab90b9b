package eu.sovereignmail.archive.audit;

import java.util.Optional;

/** The outcome of {@link AuditLog#verify()}: how many entries were checked and the first place the chain breaks. */
public record AuditVerifyReport(long entriesChecked, Optional<Break> firstBreak) {
  /** True when every entry hashes to its stored hash, links to the one before and the head names the last. */
  public boolean clean() {
    return firstBreak.isEmpty();
  }

  /**
   * The first entry at which the chain no longer holds.
   *
   * @param seq the entry (for a deleted entry: its number, found missing; for a cut tail: the first missing)
   * @param kind what is wrong
   * @param reason in words, naming the entry
   */
  public record Break(long seq, Kind kind, String reason) {}

  /** How the chain broke. */
  public enum Kind {
    /** The entry's content no longer matches its hash. */
    ALTERED,
    /** The entry's prev_hash is not the hash of the entry before (that one was rewritten with a new hash). */
    BROKEN_LINK,
    /** Entries are missing (deleted rows, or a cut tail the head still names). */
    MISSING,
    /** The head row does not match the last entry. */
    HEAD_MISMATCH
  }
}
