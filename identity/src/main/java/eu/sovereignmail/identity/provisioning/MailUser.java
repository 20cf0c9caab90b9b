package eu.sovereignmail.identity.provisioning;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Keycloak user as provisioning sees it: the mailbox address (its email), the aliases and quota its attributes ask
 * for, and whether it may log in; the one shape both the Keycloak reader and the tests produce.
 *
 * @param id Keycloak's id of the user
 * @param username Keycloak's username (what {@code revoke} is called with)
 * @param email the mailbox address, lower-cased
 * @param enabled false when an administrator disabled the user
 * @param aliases attribute {@code mailAliases}, lower-cased
 * @param quotaBytes attribute {@code mailQuota}, empty when absent (no per-user quota)
 */
public record MailUser(String id, String username, String email, boolean enabled, Set<String> aliases,
    OptionalLong quotaBytes) {

  public MailUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    email = Objects.requireNonNull(email, "email").strip().toLowerCase(Locale.ROOT);
    TreeSet<String> normalized = new TreeSet<>();
    aliases.forEach(alias -> normalized.add(alias.strip().toLowerCase(Locale.ROOT)));
    normalized.remove(email);
    aliases = Set.copyOf(normalized);
    Objects.requireNonNull(quotaBytes, "quotaBytes");
  }

  /** The domain part of the mailbox address. */
  public String domain() {
    return Addresses.domain(email);
  }
}
