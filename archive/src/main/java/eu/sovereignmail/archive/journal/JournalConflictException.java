package eu.sovereignmail.archive.journal;

/** One spool record id presented twice with different message bytes: a bug upstream, never silently merged. */
public final class JournalConflictException extends IllegalStateException {
  public JournalConflictException(String spoolRecordId, String journaledSha256, String presentedSha256) {
    super("spool record " + spoolRecordId + " was journaled with message " + journaledSha256
        + " but is now presented with " + presentedSha256);
  }
}
