package eu.sovereignmail.archive.cases;

/** No case has this id (said only to {@code legal-admin}; anyone else is refused without learning whether it exists). */
public final class CaseNotFoundException extends RuntimeException {
  private final long caseId;

  public CaseNotFoundException(long caseId) {
    super("there is no case " + caseId);
    this.caseId = caseId;
  }

  public long caseId() {
    return caseId;
  }
}
