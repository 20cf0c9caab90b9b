package eu.sovereignmail.gateway.spool;

import java.io.IOException;
import java.util.Locale;

/** The spool could not make a message durable; SMTP answers 452 4.3.1, never 250. */
public abstract sealed class SpoolException extends IOException permits SpoolFullException, SpoolIoException {
  protected SpoolException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The typed form of an I/O failure: disk full (ENOSPC, EDQUOT) or any other I/O error. */
  public static SpoolException of(String what, IOException cause) {
    if (cause instanceof SpoolException typed) {
      return typed;
    }
    String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("no space left") || message.contains("quota exceeded")) {
      return new SpoolFullException(what + ": " + cause.getMessage(), cause);
    }
    return new SpoolIoException(what + ": " + cause, cause);
  }
}
