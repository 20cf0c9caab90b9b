package eu.sovereignmail.gateway.http.archiveui;

import eu.sovereignmail.gateway.http.archive.ArchiveRoles;
import java.util.Objects;
import java.util.Set;

/**
 * A navigation entry of the legal UI: its label, its path under the UI, and who sees it (the pages check their own
 * roles; the entry only hides what a person could not open).
 */
public record NavLink(String label, String path, Set<String> roles) {
  public NavLink {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(path, "path");
    roles = Set.copyOf(roles);
  }

  /** An entry both legal roles see. */
  public static NavLink forLegal(String label, String path) {
    return new NavLink(label, path, Set.of(ArchiveRoles.LEGAL, ArchiveRoles.LEGAL_ADMIN));
  }

  /** An entry only legal administrators see. */
  public static NavLink forLegalAdmins(String label, String path) {
    return new NavLink(label, path, Set.of(ArchiveRoles.LEGAL_ADMIN));
  }
}
