package eu.sovereignmail.archive.search;

import java.util.Objects;
import java.util.Set;

/**
 * Who is searching or viewing, as the caller (HTTP layer, CLI) authenticated them: the name goes into
 * the audit trail, the roles decide what is shown (envelope recipients, which reveal blind copies, only
 * to the legal roles).
 *
 * @param name the principal's stable name (e.g. Keycloak username or e-mail); never blank
 * @param roles realm roles such as {@code legal}, {@code legal-admin}
 */
public record Actor(String name, Set<String> roles) {
  /** Roles that may see envelope recipients (BCC) and the rest of the journal envelope. */
  public static final Set<String> ENVELOPE_ROLES = Set.of("legal", "legal-admin");

  public Actor {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an actor has a name");
    }
    roles = Set.copyOf(roles);
  }

  /** True when this actor may see envelope recipients and search them ({@code bcc:}). */
  public boolean seesEnvelope() {
    return roles.stream().anyMatch(ENVELOPE_ROLES::contains);
  }
}
