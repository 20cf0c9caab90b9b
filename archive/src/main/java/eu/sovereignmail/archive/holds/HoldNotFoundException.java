package eu.sovereignmail.archive.holds;

/** No hold has this id. */
public final class HoldNotFoundException extends RuntimeException {
  private final long holdId;

  public HoldNotFoundException(long holdId) {
    super("there is no hold " + holdId);
    this.holdId = holdId;
  }

  public long holdId() {
    return holdId;
  }
}
