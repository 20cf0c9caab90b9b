package eu.sovereignmail.gateway.spool;

/** The spool's file system is full. */
public final class SpoolFullException extends SpoolException {
  public SpoolFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
