package eu.sovereignmail.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.identity.apppassword.Account;
import eu.sovereignmail.identity.apppassword.AppPasswordSettings;
import eu.sovereignmail.identity.apppassword.AppPasswords;
import eu.sovereignmail.identity.apppassword.InMemoryAppPasswordRepository;
import eu.sovereignmail.identity.apppassword.IssuedAppPassword;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * App passwords on the password path: accepted locally (also while Keycloak is down), refused once revoked or once
 * the user is revoked, throttled like any failure, and no cost or call for logins that do not use them.
 */
class CredentialAuthenticatorAppPasswordTest {
  private static final String IP = "192.0.2.30";
  private static final String BOB_PASSWORD = "bob's long password";

  private final MutableClock clock = new MutableClock(Instant.now());
  private final InMemoryAppPasswordRepository repository = new InMemoryAppPasswordRepository();
  private FakeKeycloak keycloak;
  private AppPasswords appPasswords;
  private CredentialAuthenticator auth;
  private IssuedAppPassword phone;

  @BeforeEach
  void start() throws Exception {
    keycloak = new FakeKeycloak(clock);
    // Dora has MFA: Keycloak refuses every direct grant for her, as it does for a user with an OTP credential.
    keycloak.addUser("bob", "bob@example.eu", BOB_PASSWORD, Set.of("staff"));
    appPasswords = AppPasswords.open(repository, AppPasswordSettings.defaults(), clock);
    phone = appPasswords.create(new Account("dora", "dora@example.eu"), "Phone", "dora");
    auth = new CredentialAuthenticator(keycloak.settings(5, 1000), Optional.of(appPasswords), clock);
  }

  @AfterEach
  void stop() {
    auth.close();
    appPasswords.close();
    keycloak.close();
  }

  @Test
  void anAppPasswordOpensAMailSessionWithoutAskingKeycloakAndWithoutRoles() {
    assertThat(auth.authenticatePassword("dora@example.eu", phone.secret(), IP))
        .isInstanceOfSatisfying(AuthResult.Authenticated.class, ok -> {
          assertThat(ok.principal().username()).isEqualTo("dora");
          assertThat(ok.principal().email()).isEqualTo("dora@example.eu");
          assertThat(ok.principal().realmRoles()).isEmpty();
        });
    assertThat(auth.authenticatePassword("Dora", phone.secret().toUpperCase().replace('-', ' '), IP))
        .isInstanceOf(AuthResult.Authenticated.class);
    assertThat(keycloak.tokenCalls()).isZero();
  }

  @Test
  void itKeepsWorkingWhileKeycloakIsDownBeyondTheGrace() {
    keycloak.close();
    clock.advance(Duration.ofDays(2));
    assertThat(auth.authenticatePassword("dora", phone.secret(), IP)).isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void aRevokedAppPasswordIsRefusedLikeAnyWrongPassword() {
    assertThat(appPasswords.revoke("dora", phone.info().id(), "dora")).isTrue();
    AuthResult revoked = auth.authenticatePassword("dora", phone.secret(), IP);
    AuthResult unknown = auth.authenticatePassword("nobody", phone.secret(), "198.51.100.9");
    assertThat(revoked).isInstanceOf(AuthResult.Rejected.class);
    assertThat(unknown).isEqualTo(revoked);
  }

  @Test
  void revokingTheUserRefusesHerAppPasswordsAtOnceAndForGood() {
    auth.revoke("Dora");
    assertThat(auth.authenticatePassword("dora", phone.secret(), IP)).isInstanceOf(AuthResult.Rejected.class);
    assertThat(appPasswords.list("dora")).isEmpty();
    assertThat(repository.revokedBy(phone.info().id())).isEqualTo("revocation");

    // Re-enabled later, she makes a new one and it works.
    clock.advance(Duration.ofMinutes(1));
    IssuedAppPassword again = appPasswords.create(new Account("dora", "dora@example.eu"), "New phone", "dora");
    assertThat(auth.authenticatePassword("dora", again.secret(), IP)).isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void aReconnectingDeviceIsAnsweredFromTheVerifiedCacheUntilTheUserIsRevoked() {
    assertThat(auth.authenticatePassword("dora", phone.secret(), IP)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(auth.authenticatePassword("dora", phone.secret(), IP)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(appPasswords.cacheHits()).isEqualTo(1);
    assertThat(auth.authenticatePassword("dora", "aaaa-bbbb-cccc-dddd", IP)).isInstanceOf(AuthResult.Rejected.class);
    assertThat(appPasswords.cacheHits()).isEqualTo(1);

    auth.revoke("dora");
    assertThat(appPasswords.cachedSecrets()).isZero();
    assertThat(auth.authenticatePassword("dora", phone.secret(), IP)).isInstanceOf(AuthResult.Rejected.class);
    assertThat(appPasswords.cacheHits()).isEqualTo(1);
    assertThat(keycloak.tokenCalls()).isEqualTo(2); // the two refused attempts fell through to Keycloak
  }

  @Test
  void aPasswordMadeBeforeTheRevocationIsRefusedEvenIfTheStoreStillHasIt() {
    // Another gateway holds an older copy: the authenticator's own revocation time still refuses it.
    try (AppPasswords otherCopy = AppPasswords.open(repository, AppPasswordSettings.defaults(), clock);
        CredentialAuthenticator other = new CredentialAuthenticator(keycloak.settings(5, 1000), Optional.of(otherCopy), clock)) {
      other.revoke("dora");
      clock.advance(Duration.ofSeconds(1));
      otherCopy.reload();
      assertThat(other.authenticatePassword("dora", phone.secret(), IP)).isInstanceOf(AuthResult.Rejected.class);
    }
  }

  @Test
  void lastUseIsRecorded() {
    Instant now = clock.instant();
    auth.authenticatePassword("dora", phone.secret(), IP);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(repository.lastUsed(phone.info().id())).isNotNull().isBetween(now.minusMillis(1), now.plusMillis(1)));
    assertThat(appPasswords.list("dora").getFirst().lastUsed()).isPresent();
  }

  @Test
  void wrongAppPasswordsCountInTheThrottleAndLockTheLoginOut() {
    for (int i = 0; i < 5; i++) {
      assertThat(auth.authenticatePassword("dora", "aaaa-bbbb-cccc-dddd", IP)).isInstanceOf(AuthResult.Rejected.class);
    }
    assertThat(keycloak.tokenCalls()).isEqualTo(5); // each fell through to Keycloak, which refused
    // Locked: even the right app password is refused now, without any check.
    assertThat(auth.authenticatePassword("dora", phone.secret(), IP))
        .isInstanceOfSatisfying(AuthResult.Rejected.class, r -> assertThat(r.replyDelay()).isPositive());
    assertThat(keycloak.tokenCalls()).isEqualTo(5);

    clock.advance(Duration.ofMinutes(16));
    assertThat(auth.authenticatePassword("dora", phone.secret(), IP)).isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void aUserWithAppPasswordsCanStillUseHerKeycloakPasswordAndItsCache() {
    IssuedAppPassword bobs = appPasswords.create(new Account("bob", "bob@example.eu"), "Tablet", "bob");
    assertThat(auth.authenticatePassword("bob", BOB_PASSWORD, IP)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(auth.authenticatePassword("bob", BOB_PASSWORD, IP)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(keycloak.tokenCalls()).isEqualTo(1);
    assertThat(auth.authenticatePassword("bob", bobs.secret(), IP))
        .isInstanceOfSatisfying(AuthResult.Authenticated.class,
            ok -> assertThat(ok.principal().realmRoles()).isEmpty());
    assertThat(keycloak.tokenCalls()).isEqualTo(1);
  }

  @Test
  void someoneElsesAppPasswordDoesNotOpenAnotherAccount() {
    assertThat(auth.authenticatePassword("bob", phone.secret(), IP)).isInstanceOf(AuthResult.Rejected.class);
  }

  @Test
  void bearerLoginsAreNotAffected() {
    assertThat(auth.authenticateBearer("dora", phone.secret(), IP)).isInstanceOf(AuthResult.Rejected.class);
  }
}
