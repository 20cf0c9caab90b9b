package eu.sovereignmail.gateway.http.admin;

import eu.sovereignmail.identity.auth.Principal;
import java.util.Optional;

/**
 * Checks a Keycloak access token presented to the admin API (signature, expiry, issuer, audience) and says whose it is;
 * the identity module backs it. Kept as an interface so the admin API does not depend on how tokens are verified.
 */
@FunctionalInterface
public interface BearerVerifier {
  /** Accepts nothing: only the local admin token works (no Keycloak configured). */
  BearerVerifier NONE = token -> Optional.empty();

  /** The token's owner and realm roles, or empty when the token is not a valid access token of the realm. */
  Optional<Principal> verify(String token);
}
