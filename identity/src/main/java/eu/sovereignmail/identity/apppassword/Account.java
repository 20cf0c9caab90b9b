package eu.sovereignmail.identity.apppassword;

import java.util.Locale;
import java.util.Objects;

/**
 * The Keycloak user an app password belongs to: its username and email, both kept (lower case) because mail clients
 * log in with either, and because a login by app password must yield the same principal as one by Keycloak.
 *
 * @param username Keycloak's {@code preferred_username}
 * @param email the user's email, {@code ""} when Keycloak has none
 */
public record Account(String username, String email) {
  /** Longest username or email kept (an address is at most 64 + 1 + 255 octets). */
  public static final int MAX_LENGTH = 320;

  public Account {
    Objects.requireNonNull(username, "username");
    username = username.strip().toLowerCase(Locale.ROOT);
    email = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (username.isEmpty()) {
      throw new IllegalArgumentException("username must not be blank");
    }
    if (username.length() > MAX_LENGTH || email.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("username and email must be at most " + MAX_LENGTH + " characters");
    }
  }

  /** Whether {@code loginKey} (lower case) names this account, by username or by email. */
  public boolean isNamedBy(String loginKey) {
    return username.equals(loginKey) || (!email.isEmpty() && email.equals(loginKey));
  }
}
