package eu.sovereignmail.identity.apppassword;

import java.util.Optional;

/**
 * Finds the Keycloak account an admin names when making an app password for someone else (the username and email
 * the password will log in as). Backed by the local copy of the realm's users that provisioning keeps; a user acting
 * on their own needs no lookup, their access token says who they are.
 */
@FunctionalInterface
public interface AccountLookup {
  /** Knows no one: admins can then act only on users who already have app passwords. */
  AccountLookup NONE = login -> Optional.empty();

  /** The account whose username or email is {@code login} (any case); empty when there is none, or it is disabled. */
  Optional<Account> find(String login);

  /** This lookup, then {@code other} for what this one does not know. */
  default AccountLookup orElse(AccountLookup other) {
    return login -> {
      Optional<Account> found = find(login);
      return found.isPresent() ? found : other.find(login);
    };
  }
}
