package eu.sovereignmail.identity.provisioning;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where provisioning reads who should have mail: Keycloak's admin API in production ({@link KeycloakIdentitySource}),
 * a list in tests.
 */
public interface IdentitySource {

  /** Every user that has an email address (any domain; the provisioner keeps its managed domains). */
  List<MailUser> users() throws IOException;

  /** The user with this Keycloak id; empty when it does not exist (any more) or has no email. */
  Optional<MailUser> user(String id) throws IOException;

  /** Every group with a {@code mailList} or {@code sharedMailbox} attribute, with its members. */
  List<MailGroup> groups() throws IOException;

  /** The group with this Keycloak id; empty when it does not exist (any more). */
  Optional<MailGroup> group(String id) throws IOException;

  /**
   * Admin events at or after {@code fromMillis} (epoch milliseconds), oldest first, at most {@code max}: the poller's
   * catch-up path.
   */
  List<AdminChange> adminChanges(long fromMillis, int max) throws IOException;

  /**
   * One Keycloak admin event turned into the notices it implies (a membership change touches a user and a group).
   *
   * @param eventId Keycloak's id of the event (the poller skips ids it has seen)
   * @param timeMillis when it happened
   * @param notices what provisioning must look at again
   */
  record AdminChange(String eventId, long timeMillis, List<ChangeNotice> notices) {
    public AdminChange {
      notices = List.copyOf(notices);
    }
  }
}
