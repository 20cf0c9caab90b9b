package eu.sovereignmail.identity.importing;

/** Why one row of a people file was not imported, with the line it starts on, for the operator to fix and rerun. */
public record RowError(int line, String message) {
  @Override
  public String toString() {
    return "line " + line + ": " + message;
  }
}
