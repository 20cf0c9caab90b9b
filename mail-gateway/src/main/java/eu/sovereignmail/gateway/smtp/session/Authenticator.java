package eu.sovereignmail.gateway.smtp.session;

import eu.sovereignmail.gateway.smtp.SaslCredentials;

/** Verifies what AUTH produced; identity plugs in here (Keycloak, JWKS, app passwords, cache). */
@FunctionalInterface
public interface Authenticator {
  /** {@code clientIp} lets identity throttle failures per client address as well as per login. */
  Result authenticate(SaslCredentials credentials, String clientIp);

  /** The verdict: a principal (235), rejected (535 5.7.8) or unable to decide now (454 4.7.0). */
  sealed interface Result {
    record Authenticated(String principal) implements Result {}

    record Rejected() implements Result {}

    record Unavailable() implements Result {}
  }
}
