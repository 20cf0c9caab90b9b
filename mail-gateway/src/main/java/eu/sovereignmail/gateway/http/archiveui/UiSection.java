package eu.sovereignmail.gateway.http.archiveui;

import eu.sovereignmail.gateway.http.archive.ArchiveRoles;
import java.util.Set;

/**
 * A part of the legal UI with its own pages (search and messages now; cases, holds, exports, approvals and the
 * audit log later): it registers them through {@link UiRoutes}, which puts sign-in, roles, CSRF and security headers
 * around each, and appears in the navigation.
 */
public interface UiSection {
  /** The navigation entry's label, e.g. "Search". */
  String navLabel();

  /** The navigation entry's path under the UI, e.g. {@code /archive/}. */
  String navPath();

  /** Who sees the navigation entry (the pages check their own roles): by default both legal roles. */
  default Set<String> navRoles() {
    return Set.of(ArchiveRoles.LEGAL, ArchiveRoles.LEGAL_ADMIN);
  }

  /** Registers this section's pages. */
  void mount(UiRoutes routes);
}
