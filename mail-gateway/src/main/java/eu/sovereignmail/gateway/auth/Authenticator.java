package eu.sovereignmail.gateway.auth;

import eu.sovereignmail.gateway.sasl.SaslCredentials;

/** Verifies what SMTP AUTH or IMAP LOGIN/AUTHENTICATE produced; identity plugs in here (Keycloak, JWKS, app passwords, cache). */
@FunctionalInterface
public interface Authenticator {
  /** {@code clientIp} lets identity throttle failures per client address as well as per login. */
  Result authenticate(SaslCredentials credentials, String clientIp);

  /** The verdict: a principal (235), rejected (535 5.7.8) or unable to decide now (454 4.7.0). */
  sealed interface Result {
    /**
     * {@code principal} is the mailbox address the session acts as; {@code username} the account name that
     * revocation names (identity's {@code RevocationListener}), lower-cased.
     */
    record Authenticated(String principal, String username) implements Result {
      /** For accounts whose name is their address. */
      public Authenticated(String principal) {
        this(principal, principal);
      }
    }

    record Rejected() implements Result {}

    record Unavailable() implements Result {}
  }
}
