package eu.sovereignmail.gateway.http.archive;

import java.util.Set;

/** The realm roles that open the archive, in one place so the API and the UI cannot disagree about them. */
public final class ArchiveRoles {
  /** Works within the cases they are a member of. */
  public static final String LEGAL = "legal";
  /** Manages cases, holds, retention, approvals and the audit log. */
  public static final String LEGAL_ADMIN = "legal-admin";

  private ArchiveRoles() {}

  /** True when {@code roles} let their holder use the archive at all. */
  public static boolean mayUseArchive(Set<String> roles) {
    return roles.contains(LEGAL) || roles.contains(LEGAL_ADMIN);
  }
}
