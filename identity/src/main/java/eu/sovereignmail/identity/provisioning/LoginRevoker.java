package eu.sovereignmail.identity.provisioning;

/**
 * Ends a user's logins at once (in the gateway: {@code CredentialAuthenticator.revoke}, which drops cached passwords
 * and closes open sessions), so that a disable or delete in Keycloak takes effect without waiting for caches.
 */
@FunctionalInterface
public interface LoginRevoker {
  void revoke(String username);
}
