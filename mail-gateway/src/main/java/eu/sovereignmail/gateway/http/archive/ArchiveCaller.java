package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.identity.auth.Principal;
import java.util.Objects;

/**
 * Who is calling the archive over HTTP, already authenticated and allowed: the Keycloak principal and the client
 * address. {@link #actor()} is the single place that turns it into the archive's audited {@link Actor}.
 *
 * @param principal the verified token's user and realm roles
 * @param origin the client address as the HTTP server saw it
 */
public record ArchiveCaller(Principal principal, String origin) {
  public ArchiveCaller {
    Objects.requireNonNull(principal, "principal");
    origin = origin == null || origin.isBlank() ? "unknown" : origin;
  }

  /** The archive's actor for this caller (name = Keycloak username, roles = realm roles). */
  public Actor actor() {
    return new Actor(principal.username(), principal.realmRoles(), origin);
  }

  public String username() {
    return principal.username();
  }

  public boolean hasRole(String role) {
    return principal.hasRole(role);
  }
}
