package eu.sovereignmail.identity.importing;

import java.io.IOException;
import java.util.Optional;

/**
 * The few things an import asks of the identity provider, so that {@link PeopleImporter}'s planning and idempotence
 * are testable without a Keycloak; {@link KeycloakPeopleDirectory} is the real one.
 */
public interface PeopleDirectory {

  /** The id of the user with this email or username (both lower case), if any: such a person is not created again. */
  Optional<String> existing(String email, String username) throws IOException;

  /** Whether the group at {@code path} (e.g. {@code /staff}) exists. */
  boolean groupExists(String path) throws IOException;

  /** Whether the realm can send mail (an SMTP server is configured), so invitations can go out. */
  boolean canSendInvitations() throws IOException;

  /**
   * Creates the user, enabled, with the required action to set a password, its aliases and quota as attributes and
   * its groups; {@code temporaryPassword} (may be null) is set as a temporary password. Returns the new id.
   */
  String create(Person person, String temporaryPassword) throws IOException;

  /** Sends the user the realm's "update your account" mail for setting their password. */
  void invite(String userId) throws IOException;
}
