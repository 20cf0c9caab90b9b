package eu.sovereignmail.archive.retention;

/** A purge approval by the legal-admin who proposed it: a purge needs a second person. */
public final class FourEyesException extends RuntimeException {
  private final long proposalId;

  public FourEyesException(long proposalId, String actor) {
    super("purge proposal " + proposalId + " was proposed by " + actor + ": another legal-admin must approve it");
    this.proposalId = proposalId;
  }

  public long proposalId() {
    return proposalId;
  }
}
