package eu.sovereignmail.gateway.spool;

/** Any other failure to write or sync the spool. */
public final class SpoolIoException extends SpoolException {
  public SpoolIoException(String message, Throwable cause) {
    super(message, cause);
  }
}
