package eu.sovereignmail.gateway.http.admin;

/** The queue audit could not be written or read; an audited action must not go ahead without its record. */
public final class QueueAuditException extends Exception {
  public QueueAuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
