package eu.sovereignmail.archive.search;

import java.util.Objects;
import java.util.Set;

/**
 * Who is searching, viewing or changing legal records, as the caller (HTTP layer, CLI) authenticated them:
 * the name and origin go into the audit trail, the roles decide what is shown (envelope recipients, which
 * reveal blind copies, only to the legal roles) and what may be done.
 *
 * @param name the principal's stable name (e.g. Keycloak username or e-mail); never blank
 * @param roles realm roles such as {@code legal}, {@code legal-admin}
 * @param origin where the request came from: the client address for HTTP, {@code cli} for the command line,
 *     {@code local} when the caller did not say; never blank
 */
public record Actor(String name, Set<String> roles, String origin) {
  /** Roles that may see envelope recipients (BCC) and the rest of the journal envelope. */
  public static final Set<String> ENVELOPE_ROLES = Set.of("legal", "legal-admin");
  /** The origin of an actor built without one. */
  public static final String LOCAL = "local";
  /** The origin the command line uses. */
  public static final String CLI = "cli";

  public Actor {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an actor has a name");
    }
    roles = Set.copyOf(roles);
    Objects.requireNonNull(origin, "origin");
    if (origin.isBlank()) {
      throw new IllegalArgumentException("an actor has an origin (a client address, \"cli\" or \"local\")");
    }
  }

  /** An actor whose origin is {@link #LOCAL}. */
  public Actor(String name, Set<String> roles) {
    this(name, roles, LOCAL);
  }

  /** True when this actor may see envelope recipients and search them ({@code bcc:}). */
  public boolean seesEnvelope() {
    return roles.stream().anyMatch(ENVELOPE_ROLES::contains);
  }
}
