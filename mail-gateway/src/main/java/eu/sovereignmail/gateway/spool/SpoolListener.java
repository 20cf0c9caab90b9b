package eu.sovereignmail.gateway.spool;

/**
 * Told when the spool gains work, so delivery starts at once rather than at its next poll, and meters count what
 * was accepted. Called after the fsync, on the committing thread: keep it short and never throw.
 */
public interface SpoolListener {

  /** A message was committed: it is durable and its 250 is about to go out. */
  default void committed(SpoolEntry entry) {}

  /** An existing entry's recipients became due without a commit (an operator's release or retry). */
  default void due(EntryId id) {}
}
