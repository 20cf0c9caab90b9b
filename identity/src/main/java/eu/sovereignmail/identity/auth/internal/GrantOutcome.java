package eu.sovereignmail.identity.auth.internal;

/** What Keycloak said to a direct grant: a token, a refusal of the credentials, or nothing usable. */
public sealed interface GrantOutcome {

  /** 200 with an access token (not yet verified). */
  record Granted(String accessToken) implements GrantOutcome {
    @Override
    public String toString() {
      return "Granted[accessToken=***]";
    }
  }

  /** 400 {@code invalid_grant} (wrong password, unknown, disabled or locked-out user) or 401. */
  record Refused(int status, String error) implements GrantOutcome {}

  /** Connection failure, timeout, 5xx or any other answer that says nothing about the credentials. */
  record Unreachable(String reason) implements GrantOutcome {}
}
