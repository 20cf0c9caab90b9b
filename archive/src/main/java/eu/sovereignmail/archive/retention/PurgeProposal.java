package eu.sovereignmail.archive.retention;

import java.time.Instant;
import java.util.Optional;

/**
 * A purge one legal-admin proposed, waiting for (or decided by) a second one; what the approvals page lists.
 *
 * @param policyId the policy whose due messages it names, empty for an explicit list of messages
 * @param messages how many archived messages it names
 * @param purged how many were purged when it was executed
 * @param skippedHeld how many a legal hold kept at execution
 */
public record PurgeProposal(
    long id,
    Optional<Long> policyId,
    String reason,
    Status status,
    String proposedBy,
    Instant proposedAt,
    Optional<String> decidedBy,
    Optional<Instant> decidedAt,
    Optional<String> decisionNote,
    Optional<Instant> executedAt,
    int messages,
    int purged,
    int skippedHeld) {

  /**
   * Checks that {@code approver} may approve this proposal now: it is pending and {@code approver} is not the
   * person who proposed it (compared without regard to case, as user names are).
   *
   * @throws FourEyesException when {@code approver} proposed it
   * @throws IllegalStateException when it is no longer pending
   */
  public void checkApprovableBy(String approver) {
    if (proposedBy.equalsIgnoreCase(approver.strip())) {
      throw new FourEyesException(id, approver);
    }
    if (status != Status.PENDING) {
      throw new IllegalStateException("purge proposal " + id + " is " + status + ", not PENDING");
    }
  }

  /** Where a proposal stands. */
  public enum Status {
    /** Waiting for a second legal-admin. */
    PENDING,
    /** Approved; being executed (a restart finishes it). */
    APPROVED,
    /** Approved and executed. */
    EXECUTED,
    /** Rejected: nothing was deleted. */
    REJECTED
  }
}
