package eu.sovereignmail.gateway.http.archiveui;

/**
 * A part of the legal UI with its own pages (search and messages now; cases, holds, exports, approvals and the
 * audit log later): it registers them through {@link UiRoutes}, which puts sign-in, roles, CSRF and security headers
 * around each, and appears in the navigation.
 */
public interface UiSection {
  /** The section's navigation entry. */
  NavLink nav();

  /** Registers this section's pages. */
  void mount(UiRoutes routes);
}
