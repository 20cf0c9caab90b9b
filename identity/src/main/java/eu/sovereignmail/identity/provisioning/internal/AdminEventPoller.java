package eu.sovereignmail.identity.provisioning.internal;

import eu.sovereignmail.identity.provisioning.ChangeNotice;
import eu.sovereignmail.identity.provisioning.IdentitySource;
import eu.sovereignmail.identity.provisioning.IdentitySource.AdminChange;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The catch-up path: reads Keycloak's admin events after the position kept in {@link ProvisioningState} and returns
 * the notices they imply, each once per poll, moving the position only past events it returned. Changes made while
 * the gateway was down are found on the next start; anything the admin events do not show (a user editing their own
 * profile) is the reconcile's.
 */
public final class AdminEventPoller {
  static final int PAGE = 200;

  private final IdentitySource source;
  private final ProvisioningState state;

  public AdminEventPoller(IdentitySource source, ProvisioningState state) {
    this.source = source;
    this.state = state;
  }

  /** The notices of the events since the last poll, oldest first, without repeats; the position moves past them. */
  public Set<ChangeNotice> poll() throws IOException {
    Set<ChangeNotice> notices = new LinkedHashSet<>();
    while (true) {
      List<AdminChange> changes = source.adminChanges(state.pollFrom, PAGE);
      int fresh = 0;
      for (AdminChange change : changes) {
        if (change.timeMillis() < state.pollFrom
            || change.timeMillis() == state.pollFrom && state.pollSeen.contains(change.eventId())) {
          continue;
        }
        fresh++;
        notices.addAll(change.notices());
        if (change.timeMillis() > state.pollFrom) {
          state.pollFrom = change.timeMillis();
          state.pollSeen.clear();
        }
        state.pollSeen.add(change.eventId());
      }
      if (changes.size() < PAGE || fresh == 0) {
        return notices;
      }
    }
  }
}
