package eu.sovereignmail.archive.audit;

/**
 * A legal-workflow call the actor may not make (a {@code legal} user outside the case, anyone without a legal
 * role, a {@code legal} user doing what only {@code legal-admin} may). Thrown by the archive API itself, so a
 * caller cannot forget the rule; the refusal is already in the audit log as {@code access.denied} when it is thrown.
 */
public final class AccessDeniedException extends RuntimeException {
  private final String action;
  private final String target;

  public AccessDeniedException(String action, String target, String reason) {
    super("access denied: " + reason);
    this.action = action;
    this.target = target;
  }

  /** The action that was refused (e.g. {@code hold.release}). */
  public String action() {
    return action;
  }

  /** What it was on (e.g. {@code case:3}), or empty. */
  public String target() {
    return target;
  }
}
