package eu.sovereignmail.identity.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who a login turned out to be, as Keycloak's verified access token says; immutable, so a session can keep it.
 *
 * @param username Keycloak's {@code preferred_username}
 * @param email the user's email, empty when Keycloak has none
 * @param realmRoles the realm roles of {@code realm_access.roles}
 */
public record Principal(String username, String email, Set<String> realmRoles) {

  public Principal {
    Objects.requireNonNull(username, "username");
    if (username.isBlank()) {
      throw new IllegalArgumentException("username must not be blank");
    }
    email = email == null ? "" : email;
    realmRoles = Set.copyOf(Objects.requireNonNull(realmRoles, "realmRoles"));
  }

  public boolean hasRole(String role) {
    return realmRoles.contains(role);
  }
}
