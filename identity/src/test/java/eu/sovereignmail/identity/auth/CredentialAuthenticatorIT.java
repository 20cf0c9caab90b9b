package eu.sovereignmail.identity.auth;

import static eu.sovereignmail.identity.keycloak.KeycloakFixture.GATEWAY;
import static eu.sovereignmail.identity.keycloak.KeycloakFixture.REALM;
import static eu.sovereignmail.identity.keycloak.KeycloakFixture.secret;
import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.identity.keycloak.KeycloakFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The authenticator against the real Keycloak with the shipped realm (started once for the class, stopped at the end). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CredentialAuthenticatorIT {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialAuthenticatorIT.class);
  private static final String IP = "127.0.0.1";

  private final String alicePassword = secret();
  private final String carolPassword = secret();
  private final String gatewaySecret = secret();
  private final MutableClock clock = new MutableClock(Instant.now());
  private KeycloakFixture keycloak;
  private CredentialAuthenticator auth;

  @BeforeAll
  void startKeycloak() throws Exception {
    keycloak = KeycloakFixture.start();
    keycloak.admin().ensureUser(REALM, "alice", "alice@example.eu", "Alice", "Liddell", alicePassword, Set.of("staff"));
    keycloak.admin().ensureUser(REALM, "carol", "carol@example.eu", "Carol", "Legal", carolPassword, Set.of("legal"));
    keycloak.admin().setClientSecret(REALM, GATEWAY, gatewaySecret);
    auth = new CredentialAuthenticator(
        IdentitySettings.defaults(keycloak.settings().issuer(), GATEWAY, gatewaySecret), clock);
  }

  @AfterAll
  void stopKeycloak() throws Exception {
    if (auth != null) {
      auth.close();
    }
    if (keycloak != null) {
      keycloak.close();
    }
  }

  @Test
  @Order(1)
  void aliceLogsInWithHerPasswordAndHasRoleStaff() {
    long start = System.nanoTime();
    AuthResult result = auth.authenticatePassword("alice", alicePassword, IP);
    LOG.info("event=it.auth.first_password_login ms={} (direct grant, JWKS fetch, token check)",
        (System.nanoTime() - start) / 1_000_000);

    assertThat(result).isInstanceOfSatisfying(AuthResult.Authenticated.class, ok -> {
      assertThat(ok.principal().username()).isEqualTo("alice");
      assertThat(ok.principal().email()).isEqualTo("alice@example.eu");
      assertThat(ok.principal().hasRole("staff")).isTrue();
      assertThat(ok.principal().hasRole("legal")).isFalse();
    });

    start = System.nanoTime();
    assertThat(auth.authenticatePassword("alice@example.eu", alicePassword, IP)).isInstanceOf(AuthResult.Authenticated.class);
    LOG.info("event=it.auth.direct_grant ms={} (keys known, by email)", (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  @Order(2)
  void aWrongPasswordIsRejected() {
    assertThat(auth.authenticatePassword("alice", alicePassword + "x", IP)).isInstanceOf(AuthResult.Rejected.class);
    assertThat(auth.authenticatePassword("nobody-here", alicePassword, IP)).isInstanceOf(AuthResult.Rejected.class);
  }

  @Test
  @Order(3)
  void aRealAccessTokenIsAcceptedAsBearer() throws Exception {
    String token = keycloak.admin().passwordGrant(REALM, GATEWAY, gatewaySecret, "alice", alicePassword).accessToken();

    assertThat(auth.authenticateBearer("alice", token, IP))
        .isInstanceOfSatisfying(AuthResult.Authenticated.class,
            ok -> assertThat(ok.principal().realmRoles()).contains("staff"));
    assertThat(auth.authenticateBearer("carol", token, IP)).isInstanceOf(AuthResult.Rejected.class);
  }

  @Test
  @Order(4)
  void withKeycloakStoppedCachedAliceStillLogsInAndANewUserIsTemporarilyUnavailable() {
    assertThat(keycloak.stop(Duration.ofSeconds(30))).isTrue();
    clock.advance(Duration.ofMinutes(30)); // past the cache TTL: Keycloak is asked, fails, the grace applies

    assertThat(auth.authenticatePassword("alice", alicePassword, IP))
        .isInstanceOfSatisfying(AuthResult.Authenticated.class,
            ok -> assertThat(ok.principal().hasRole("staff")).isTrue());
    assertThat(auth.authenticatePassword("carol", carolPassword, IP))
        .isInstanceOf(AuthResult.TemporarilyUnavailable.class);
  }
}
