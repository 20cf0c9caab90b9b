package eu.sovereignmail.identity.importing;

import java.util.List;
import java.util.Optional;

/**
 * What an import did (or, for a dry run, would do), row by row: so the operator sees who was created, who already
 * existed, and which lines to fix.
 *
 * @param dryRun nothing was changed; {@code created} lists who would be
 * @param created people created (with the temporary password when no invitation was sent)
 * @param existing people already in the realm, left untouched
 * @param invalid rows not imported, with their line numbers (file errors, unknown groups, refusals by Keycloak)
 */
public record ImportReport(boolean dryRun, List<Created> created, List<Existing> existing, List<RowError> invalid) {

  public ImportReport {
    created = List.copyOf(created);
    existing = List.copyOf(existing);
    invalid = List.copyOf(invalid);
  }

  /** A person created (or to be created): the Keycloak id (empty on a dry run), and how they set their password. */
  public record Created(Person person, String id, boolean invited, Optional<String> temporaryPassword) {
    @Override
    public String toString() {
      return "Created[line=" + person.line() + ", email=" + person.email() + ", id=" + id + ", invited=" + invited
          + ", temporaryPassword=" + (temporaryPassword.isPresent() ? "***" : "none") + "]";
    }
  }

  /** A person whose email or username is already taken in the realm. */
  public record Existing(Person person, String id) {}

  /** True when every row was imported or already there. */
  public boolean clean() {
    return invalid.isEmpty();
  }
}
