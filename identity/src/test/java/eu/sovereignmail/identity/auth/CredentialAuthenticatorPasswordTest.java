package eu.sovereignmail.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Password logins: direct grant against the fake realm, the credential cache, the outage grace, throttling, revocation. */
class CredentialAuthenticatorPasswordTest {
  private static final String IP = "192.0.2.20";
  private static final String ALICE_PASSWORD = "correct horse battery staple";

  private final MutableClock clock = new MutableClock(Instant.now());
  private FakeKeycloak keycloak;
  private CredentialAuthenticator auth;

  @BeforeEach
  void start() throws Exception {
    keycloak = new FakeKeycloak(clock);
    keycloak.addUser("alice", "alice@example.eu", ALICE_PASSWORD, Set.of("staff"));
    keycloak.addUser("bob", "bob@example.eu", "bob's long password", Set.of("legal"));
    auth = new CredentialAuthenticator(keycloak.settings(1000, 1000), clock);
  }

  @AfterEach
  void stop() {
    auth.close();
    keycloak.close();
  }

  @Test
  void aliceLogsInWithHerPasswordAndGetsHerRoles() {
    assertThat(auth.authenticatePassword("alice", ALICE_PASSWORD, IP))
        .isInstanceOfSatisfying(AuthResult.Authenticated.class, ok -> {
          assertThat(ok.principal().username()).isEqualTo("alice");
          assertThat(ok.principal().email()).isEqualTo("alice@example.eu");
          assertThat(ok.principal().realmRoles()).containsExactly("staff");
        });
    assertThat(keycloak.tokenCalls()).isEqualTo(1);
  }

  @Test
  void theLoginMayBeHerEmail() {
    assertThat(auth.authenticatePassword("alice@example.eu", ALICE_PASSWORD, IP))
        .isInstanceOfSatisfying(AuthResult.Authenticated.class,
            ok -> assertThat(ok.principal().username()).isEqualTo("alice"));
  }

  @Test
  void aCachedPasswordDoesNotCallKeycloakWithinTheTtlButDoesAfterIt() {
    auth.authenticatePassword("alice", ALICE_PASSWORD, IP);
    clock.advance(Duration.ofMinutes(4));
    assertThat(auth.authenticatePassword("ALICE", ALICE_PASSWORD, IP)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(keycloak.tokenCalls()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(2));
    assertThat(auth.authenticatePassword("alice", ALICE_PASSWORD, IP)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(keycloak.tokenCalls()).isEqualTo(2);
  }

  @Test
  void aWrongPasswordAgainstACachedEntryIsRejectedByKeycloak() {
    auth.authenticatePassword("alice", ALICE_PASSWORD, IP);
    assertThat(auth.authenticatePassword("alice", ALICE_PASSWORD + "!", IP)).isInstanceOf(AuthResult.Rejected.class);
    assertThat(keycloak.tokenCalls()).isEqualTo(2);
    // The failure is not cached as anything: the right password still comes from the cache.
    assertThat(auth.authenticatePassword("alice", ALICE_PASSWORD, IP)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(keycloak.tokenCalls()).isEqualTo(2);
  }

  @Test
  void anUnknownUserGetsExactlyTheAnswerOfAWrongPassword() {
    AuthResult unknown = auth.authenticatePassword("mallory", "whatever password", "198.51.100.1");
    AuthResult wrong = auth.authenticatePassword("alice", "whatever password", "198.51.100.2");
    assertThat(unknown).isInstanceOf(AuthResult.Rejected.class).isEqualTo(wrong);
  }

  @Test
  void whenKeycloakIsDownACachedLoginWorksWithinTheGraceAndANewOneIsTemporarilyUnavailable() {
    auth.authenticatePassword("alice", ALICE_PASSWORD, IP);
    keycloak.close();
    clock.advance(Duration.ofHours(6));

    assertThat(auth.authenticatePassword("alice", ALICE_PASSWORD, IP)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(auth.authenticatePassword("bob", "bob's long password", IP))
        .isInstanceOf(AuthResult.TemporarilyUnavailable.class);
    // A password that is not the cached one cannot be judged either: never a refusal while Keycloak is away.
    assertThat(auth.authenticatePassword("alice", "maybe her new password", IP))
        .isInstanceOf(AuthResult.TemporarilyUnavailable.class);

    clock.advance(Duration.ofHours(6).plusSeconds(1));
    assertThat(auth.authenticatePassword("alice", ALICE_PASSWORD, IP))
        .isInstanceOf(AuthResult.TemporarilyUnavailable.class);
  }

  @Test
  void aServerErrorIsTemporaryAndTheCacheCarriesOn() {
    auth.authenticatePassword("alice", ALICE_PASSWORD, IP);
    clock.advance(Duration.ofMinutes(10));
    keycloak.forceStatus(503);
    assertThat(auth.authenticatePassword("alice", ALICE_PASSWORD, IP)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(auth.authenticatePassword("bob", "bob's long password", IP))
        .isInstanceOfSatisfying(AuthResult.TemporarilyUnavailable.class,
            t -> assertThat(t.reason()).doesNotContain("bob's long password"));
  }

  @Test
  void aPasswordKeycloakNoLongerAcceptsIsDroppedFromTheCache() {
    auth.authenticatePassword("alice", ALICE_PASSWORD, IP);
    keycloak.addUser("alice", "alice@example.eu", "her brand new password", Set.of("staff"));
    clock.advance(Duration.ofMinutes(6));
    assertThat(auth.authenticatePassword("alice", ALICE_PASSWORD, IP)).isInstanceOf(AuthResult.Rejected.class);

    keycloak.close();
    assertThat(auth.authenticatePassword("alice", ALICE_PASSWORD, IP))
        .isInstanceOf(AuthResult.TemporarilyUnavailable.class);
  }

  @Test
  void aWrongClientSecretIsARefusal() throws Exception {
    IdentitySettings d = keycloak.settings();
    IdentitySettings wrongSecret = new IdentitySettings(d.issuer(), d.clientId(), "not-the-secret", d.cacheTtl(),
        d.outageGrace(), d.connectTimeout(), d.requestTimeout(), d.clockSkew(), d.jwksMinRefresh(), 100, 100,
        d.lockout(), d.baseDelay(), d.maxDelay());
    try (CredentialAuthenticator misconfigured = new CredentialAuthenticator(wrongSecret, clock)) {
      assertThat(misconfigured.authenticatePassword("alice", ALICE_PASSWORD, IP)).isInstanceOf(AuthResult.Rejected.class);
    }
  }

  @Test
  void failuresGrowTheDelayThenLockTheLoginOutWithoutAskingKeycloak() {
    try (CredentialAuthenticator strict = new CredentialAuthenticator(keycloak.settings(3, 100), clock)) {
      assertThat(strict.authenticatePassword("alice", "wrong one", IP)).isEqualTo(new AuthResult.Rejected(Duration.ofMillis(250)));
      assertThat(strict.authenticatePassword("alice", "wrong two", IP)).isEqualTo(new AuthResult.Rejected(Duration.ofMillis(500)));
      assertThat(strict.authenticatePassword("alice", "wrong three", IP)).isEqualTo(new AuthResult.Rejected(Duration.ofSeconds(1)));
      int calls = keycloak.tokenCalls();

      assertThat(strict.authenticatePassword("alice", ALICE_PASSWORD, "203.0.113.9")).isInstanceOf(AuthResult.Rejected.class);
      assertThat(keycloak.tokenCalls()).isEqualTo(calls);

      clock.advance(Duration.ofMinutes(15));
      assertThat(strict.authenticatePassword("alice", ALICE_PASSWORD, IP)).isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void anUnknownLoginIsThrottledExactlyLikeAKnownOne() {
    try (CredentialAuthenticator strict = new CredentialAuthenticator(keycloak.settings(3, 100), clock)) {
      for (int i = 0; i < 4; i++) {
        assertThat(strict.authenticatePassword("nobody", "guess " + i, "198.51.100.7"))
            .isEqualTo(strict.authenticatePassword("bob", "guess " + i, "198.51.100.8"));
      }
    }
  }

  @Test
  void oneAddressFailingAcrossManyLoginsIsLockedOut() {
    try (CredentialAuthenticator strict = new CredentialAuthenticator(keycloak.settings(100, 4), clock)) {
      for (int i = 0; i < 4; i++) {
        assertThat(strict.authenticatePassword("user" + i, "guess", IP)).isInstanceOf(AuthResult.Rejected.class);
      }
      int calls = keycloak.tokenCalls();
      assertThat(strict.authenticatePassword("alice", ALICE_PASSWORD, IP)).isInstanceOf(AuthResult.Rejected.class);
      assertThat(keycloak.tokenCalls()).isEqualTo(calls);
      assertThat(strict.authenticatePassword("alice", ALICE_PASSWORD, "192.0.2.99")).isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void revokeDropsTheCachedPasswordAndTellsTheListeners() {
    List<String> revoked = new CopyOnWriteArrayList<>();
    auth.addRevocationListener(revoked::add);
    auth.authenticatePassword("alice@example.eu", ALICE_PASSWORD, IP);
    auth.authenticatePassword("alice", ALICE_PASSWORD, IP);
    assertThat(keycloak.tokenCalls()).isEqualTo(2);

    auth.revoke("alice");
    assertThat(revoked).containsExactly("alice");

    keycloak.close();
    assertThat(auth.authenticatePassword("alice", ALICE_PASSWORD, IP)).isInstanceOf(AuthResult.TemporarilyUnavailable.class);
    assertThat(auth.authenticatePassword("alice@example.eu", ALICE_PASSWORD, IP))
        .isInstanceOf(AuthResult.TemporarilyUnavailable.class);
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    List<String> revoked = new CopyOnWriteArrayList<>();
    auth.addRevocationListener(user -> {
      throw new IllegalStateException("boom");
    });
    auth.addRevocationListener(revoked::add);
    auth.revoke("Bob");
    assertThat(revoked).containsExactly("bob");
  }

  @Test
  void logsNeverContainPasswordsOrTokens() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    try {
      auth.authenticatePassword("alice", ALICE_PASSWORD, IP);
      auth.authenticatePassword("alice", "wrong password here", IP);
      String token = keycloak.sign(keycloak.claims("alice", "alice@example.eu", Set.of("staff")).build());
      auth.authenticateBearer("alice", token, IP);
      auth.authenticateBearer("bob", token, IP);
      keycloak.close();
      clock.advance(Duration.ofMinutes(6));
      auth.authenticatePassword("alice", ALICE_PASSWORD, IP);
      auth.authenticatePassword("bob\r\nforged=line", "bob's long password", IP);
    } finally {
      root.detachAppender(appender);
    }
    assertThat(appender.list).isNotEmpty();
    for (ILoggingEvent event : appender.list) {
      String line = event.getFormattedMessage();
      assertThat(line).doesNotContain(ALICE_PASSWORD, "wrong password here", "bob's long password", "eyJ", "\n", "\r");
    }
  }
}
