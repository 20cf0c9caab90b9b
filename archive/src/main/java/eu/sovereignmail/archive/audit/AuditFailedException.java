package eu.sovereignmail.archive.audit;

/**
 * The audit log could not record an entry (database unreachable, …). The call that needed the record fails
 * with it, so nothing is shown or changed unrecorded.
 */
public final class AuditFailedException extends RuntimeException {
  public AuditFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
