package eu.sovereignmail.archive.cases;

/** Whether a case is being worked on; a closed case keeps its records and holds (holds end only when released). */
public enum CaseStatus {
  OPEN,
  CLOSED
}
