package eu.sovereignmail.identity.apppassword;

import java.util.Objects;

/** Why an app-password change was not made, typed so that the HTTP API can answer 400, 409 or 503 without parsing text. */
public final class AppPasswordException extends RuntimeException {

  /** The kinds of refusal. */
  public enum Reason {
    /** The label is empty, too long or has control characters. */
    INVALID_LABEL,
    /** The user already has as many active app passwords as allowed. */
    LIMIT_REACHED,
    /** The database could not be read or written. */
    STORAGE
  }

  private final Reason reason;

  public AppPasswordException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public AppPasswordException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }
}
