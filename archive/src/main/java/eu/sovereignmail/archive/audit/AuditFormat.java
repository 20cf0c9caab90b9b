package eu.sovereignmail.archive.audit;

/** The forms an audit export takes: CSV for spreadsheets and review, JSON for tools and re-verification. */
public enum AuditFormat {
  /** RFC 4180 CSV with a header line; cells that a spreadsheet would run as a formula get a leading {@code '}. */
  CSV,
  /** A JSON array of entry objects, values exactly as stored and hashed. */
  JSON
}
