package eu.sovereignmail.gateway.auth;

import eu.sovereignmail.identity.auth.AuthResult;
import eu.sovereignmail.identity.auth.CredentialAuthenticator;

/** The two identity calls the SMTP adapter makes, as a seam: identity's authenticator is a final class. */
interface IdentityChecks {
  AuthResult password(String login, String password, String clientIp);

  AuthResult bearer(String login, String token, String clientIp);

  static IdentityChecks of(CredentialAuthenticator identity) {
    return new IdentityChecks() {
      @Override
      public AuthResult password(String login, String password, String clientIp) {
        return identity.authenticatePassword(login, password, clientIp);
      }

      @Override
      public AuthResult bearer(String login, String token, String clientIp) {
        return identity.authenticateBearer(login, token, clientIp);
      }
    };
  }
}
