package eu.sovereignmail.gateway.sasl;

/** What a finished SASL exchange claims, for the identity part to verify; never printed with its secret. */
public sealed interface SaslCredentials {
  String user();

  /** PLAIN or LOGIN; {@code authorizationId} is empty unless the client asked to act as someone else. */
  record Password(String authorizationId, String user, String password) implements SaslCredentials {
    @Override
    public String toString() {
      return "Password[authorizationId=" + authorizationId + ", user=" + user + ", password=***]";
    }
  }

  /** XOAUTH2 or OAUTHBEARER; {@code user} is empty when OAUTHBEARER left the authzid out (the token names it). */
  record Bearer(String user, String token) implements SaslCredentials {
    @Override
    public String toString() {
      return "Bearer[user=" + user + ", token=***]";
    }
  }
}
