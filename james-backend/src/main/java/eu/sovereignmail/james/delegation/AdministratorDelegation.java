package eu.sovereignmail.james.delegation;

import javax.inject.Inject;
import java.util.Optional;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Username;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

/**
 * Who may open a session as another user (IMAP AUTHENTICATE PLAIN with an authorization identity, the gateway's
 * way in): the configured {@code administratorId} only, and only as a user that exists. The same rule as James's
 * {@code UserRepositoryAuthorizator}, without its database round trip for the administrator's domain: upstream asks
 * the users repository's {@code isAdministrator}, which first checks that the name's domain is in the domain list (one
 * query per login). Here the name is compared with the configured administrator directly; the caller has already
 * proved that name with its password against the users table, so the domain query added no protection. Whether the
 * user acted for exists is still asked at every login (a deleted user's mailbox may be kept, so it is not proof).
 */
public final class AdministratorDelegation implements Authorizator {
  private final UsersRepository users;
  private final Optional<Username> administrator;

  @Inject
  public AdministratorDelegation(UsersRepository users, ConfigurationProvider configuration) throws ConfigurationException {
    this(users, Optional.ofNullable(configuration.getConfiguration("usersrepository").getString("administratorId", null))
        .filter(id -> !id.isBlank())
        .map(Username::of));
  }

  AdministratorDelegation(UsersRepository users, Optional<Username> administrator) {
    this.users = users;
    this.administrator = administrator;
  }

  @Override
  public AuthorizationState canLoginAsOtherUser(Username userId, Username otherUserId) throws MailboxException {
    if (administrator.isEmpty() || !administrator.get().equals(userId)) {
      return AuthorizationState.FORBIDDEN;
    }
    try {
      return users.contains(otherUserId) ? AuthorizationState.ALLOWED : AuthorizationState.UNKNOWN_USER;
    } catch (UsersRepositoryException e) {
      throw new MailboxException("Unable to access usersRepository", e);
    }
  }
}
