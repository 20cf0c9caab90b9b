package eu.sovereignmail.james.delegation;

import javax.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
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
 * user acted for exists is asked of the users repository (a deleted user's mailbox may be kept, so it is not proof);
 * a "yes" is remembered for {@link #KNOWN_USER_TTL}, so a device that reconnects costs James no more than the user's
 * own login would. The gateway refuses a deleted or disabled person before it ever asks James, so the remembered
 * "yes" only widens, by at most that long, what the administrator's own credentials could open; a "no" is never
 * remembered.
 */
public final class AdministratorDelegation implements Authorizator {
  /** How long a user found in the repository is taken to exist without asking again. */
  static final Duration KNOWN_USER_TTL = Duration.ofSeconds(30);
  /** Remembered users beyond which the memory is dropped and starts again (bounds it under a flood of names). */
  static final int MAX_KNOWN_USERS = 10_000;

  private final UsersRepository users;
  private final Optional<Username> administrator;
  private final LongSupplier nanoClock;
  /** User → System.nanoTime() until which it is taken to exist. */
  private final Map<Username, Long> knownUntil = new ConcurrentHashMap<>();

  @Inject
  public AdministratorDelegation(UsersRepository users, ConfigurationProvider configuration) throws ConfigurationException {
    this(users, Optional.ofNullable(configuration.getConfiguration("usersrepository").getString("administratorId", null))
        .filter(id -> !id.isBlank())
        .map(Username::of));
  }

  AdministratorDelegation(UsersRepository users, Optional<Username> administrator) {
    this(users, administrator, System::nanoTime);
  }

  AdministratorDelegation(UsersRepository users, Optional<Username> administrator, LongSupplier nanoClock) {
    this.users = users;
    this.administrator = administrator;
    this.nanoClock = nanoClock;
  }

  @Override
  public AuthorizationState canLoginAsOtherUser(Username userId, Username otherUserId) throws MailboxException {
    if (administrator.isEmpty() || !administrator.get().equals(userId)) {
      return AuthorizationState.FORBIDDEN;
    }
    long now = nanoClock.getAsLong();
    Long until = knownUntil.get(otherUserId);
    if (until != null && now - until < 0) {
      return AuthorizationState.ALLOWED;
    }
    boolean exists;
    try {
      exists = users.contains(otherUserId);
    } catch (UsersRepositoryException e) {
      throw new MailboxException("Unable to access usersRepository", e);
    }
    if (!exists) {
      knownUntil.remove(otherUserId);
      return AuthorizationState.UNKNOWN_USER;
    }
    if (knownUntil.size() >= MAX_KNOWN_USERS) {
      knownUntil.clear();
    }
    knownUntil.put(otherUserId, now + KNOWN_USER_TTL.toNanos());
    return AuthorizationState.ALLOWED;
  }
}
