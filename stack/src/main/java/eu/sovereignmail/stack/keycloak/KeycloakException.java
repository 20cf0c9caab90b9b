package eu.sovereignmail.stack.keycloak;

import java.io.IOException;

/**
 * A Keycloak HTTP call that answered with an unexpected status. Carries the status and Keycloak's error code
 * so callers can tell wrong user credentials (400 {@code invalid_grant}) from a wrong client secret (401
 * {@code unauthorized_client}) or a missing object (404).
 */
public final class KeycloakException extends IOException {
  private final int status;
  private final String error;

  public KeycloakException(String message, int status, String error) {
    super(message);
    this.status = status;
    this.error = error == null ? "" : error;
  }

  /** The HTTP status Keycloak answered with. */
  public int status() {
    return status;
  }

  /** Keycloak's error code ({@code error} of an OAuth error, {@code errorMessage} of the admin API), or "". */
  public String error() {
    return error;
  }

  /** True for a refused password grant because of the user's credentials or account state (OAuth {@code invalid_grant}). */
  public boolean isInvalidGrant() {
    return "invalid_grant".equals(error);
  }
}
