package eu.sovereignmail.archive.retention;

/**
 * A retention, purge or export call by someone whose roles (or case membership) do not allow it; the
 * archive refuses it itself, so no caller can forget the check. The HTTP layer answers 403.
 */
public final class LegalAccessException extends RuntimeException {
  private final String action;

  public LegalAccessException(String actor, String action, String reason) {
    super(actor + " may not " + action + ": " + reason);
    this.action = action;
  }

  /** The refused action, e.g. {@code purge.approve}. */
  public String action() {
    return action;
  }
}
