package eu.sovereignmail.identity.auth;

/** Told when a user's credentials are revoked, so that open sessions of that user can be closed. */
@FunctionalInterface
public interface RevocationListener {

  /** Called once per {@link CredentialAuthenticator#revoke(String)}; must not block for long. */
  void revoked(String username);
}
