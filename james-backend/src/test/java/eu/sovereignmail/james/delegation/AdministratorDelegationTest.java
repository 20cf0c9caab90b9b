package eu.sovereignmail.james.delegation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.james.core.Username;
import org.apache.james.mailbox.Authorizator.AuthorizationState;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.junit.jupiter.api.Test;

/**
 * Who may act as whom, and that a delegated login asks the users repository only whether the user exists, and not
 * again for a user found within the last {@link AdministratorDelegation#KNOWN_USER_TTL}.
 */
class AdministratorDelegationTest {
  private static final Username ADMIN = Username.of("gateway-admin@example.eu");
  private static final Username ALICE = Username.of("alice@example.eu");
  private static final Username BOB = Username.of("bob@example.eu");

  private final List<String> calls = new ArrayList<>();
  private final Set<Username> existing = new HashSet<>(Set.of(ADMIN, ALICE, BOB));
  private long now = 1_000;
  private boolean failing;
  private final UsersRepository users = (UsersRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {UsersRepository.class}, (proxy, method, args) -> {
        calls.add(method.getName());
        if (failing) {
          throw new UsersRepositoryException("database down");
        }
        if (method.getName().equals("contains")) {
          return existing.contains((Username) args[0]);
        }
        throw new UnsupportedOperationException(method.getName());
      });

  @Test
  void theAdministratorMayActAsAnExistingUserWithOneLookupOfThatUser() throws MailboxException {
    AdministratorDelegation delegation = new AdministratorDelegation(users, Optional.of(ADMIN));

    assertThat(delegation.user(Username.of("Gateway-Admin@Example.EU")).canLoginAs(ALICE)).isEqualTo(AuthorizationState.ALLOWED);
    assertThat(calls).containsExactly("contains");
    assertThat(delegation.canLoginAsOtherUser(ADMIN, Username.of("gone@example.eu")))
        .isEqualTo(AuthorizationState.UNKNOWN_USER);
  }

  @Test
  void anyoneElseIsForbiddenWithoutAnyLookup() throws MailboxException {
    AdministratorDelegation delegation = new AdministratorDelegation(users, Optional.of(ADMIN));

    assertThat(delegation.canLoginAsOtherUser(BOB, ALICE)).isEqualTo(AuthorizationState.FORBIDDEN);
    assertThat(delegation.canLoginAsOtherUser(Username.of("gateway-admin@other.example"), ALICE))
        .isEqualTo(AuthorizationState.FORBIDDEN);
    assertThat(delegation.canLoginAsOtherUser(Username.of("gateway-admin"), ALICE)).isEqualTo(AuthorizationState.FORBIDDEN);
    assertThat(calls).isEmpty();
  }

  @Test
  void withoutAConfiguredAdministratorNobodyMayDelegate() throws MailboxException {
    AdministratorDelegation delegation = new AdministratorDelegation(users, Optional.empty());

    assertThat(delegation.canLoginAsOtherUser(ADMIN, ALICE)).isEqualTo(AuthorizationState.FORBIDDEN);
    assertThat(delegation.delegatedUsers(ADMIN)).isEmpty();
  }

  @Test
  void aRepositoryFailureIsAMailboxException() {
    AdministratorDelegation delegation = new AdministratorDelegation(users, Optional.of(ADMIN));
    failing = true;

    assertThatThrownBy(() -> delegation.canLoginAsOtherUser(ADMIN, ALICE)).isInstanceOf(MailboxException.class);
  }

  @Test
  void aUserFoundIsRememberedForAWhileAndAUserNotFoundIsAskedEveryTime() throws MailboxException {
    AdministratorDelegation delegation = new AdministratorDelegation(users, Optional.of(ADMIN), () -> now);
    Username gone = Username.of("gone@example.eu");

    assertThat(delegation.canLoginAsOtherUser(ADMIN, ALICE)).isEqualTo(AuthorizationState.ALLOWED);
    assertThat(delegation.canLoginAsOtherUser(ADMIN, ALICE)).isEqualTo(AuthorizationState.ALLOWED);
    assertThat(delegation.canLoginAsOtherUser(ADMIN, gone)).isEqualTo(AuthorizationState.UNKNOWN_USER);
    assertThat(delegation.canLoginAsOtherUser(ADMIN, gone)).isEqualTo(AuthorizationState.UNKNOWN_USER);
    assertThat(calls).containsExactly("contains", "contains", "contains");

    existing.remove(ALICE);
    now += AdministratorDelegation.KNOWN_USER_TTL.minus(Duration.ofMillis(1)).toNanos();
    assertThat(delegation.canLoginAsOtherUser(ADMIN, ALICE)).isEqualTo(AuthorizationState.ALLOWED);
    now += Duration.ofMillis(2).toNanos();
    assertThat(delegation.canLoginAsOtherUser(ADMIN, ALICE)).isEqualTo(AuthorizationState.UNKNOWN_USER);
    assertThat(delegation.canLoginAsOtherUser(BOB, ALICE)).isEqualTo(AuthorizationState.FORBIDDEN);
    assertThat(calls).hasSize(4);
  }
}
