package eu.sovereignmail.identity.provisioning.internal;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What provisioning remembers across restarts: where the admin-events poller stopped, and which accounts, lists and
 * shared mailboxes it made, so a delete in Keycloak (which leaves no user to read) still finds its mailbox, and nothing
 * it did not make is ever removed. Mutable, used by the provisioning thread only; saved by {@link StateFile}.
 */
public final class ProvisioningState {
  /** Epoch milliseconds of the newest admin event handled (the next poll asks from here, inclusive). */
  public long pollFrom;
  /** Ids of the events handled at {@link #pollFrom} (inclusive polling returns them again). */
  public Set<String> pollSeen = new LinkedHashSet<>();
  /** Keycloak user id → what was provisioned for it. */
  public Map<String, KnownUser> users = new TreeMap<>();
  /** Keycloak group id → distribution list address. */
  public Map<String, String> lists = new TreeMap<>();
  /** Keycloak group id → shared mailbox address. */
  public Map<String, String> sharedMailboxes = new TreeMap<>();
  /** Mailboxes kept after their users were deleted (policy KEEP). */
  public Set<String> retained = new TreeSet<>();

  /**
   * A user as last provisioned.
   *
   * @param username Keycloak username (for revocation after a delete)
   * @param address the mailbox address
   * @param enabled whether the user could log in when last seen
   */
  public record KnownUser(String username, String address, boolean enabled) {}
}
