package eu.sovereignmail.identity.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bearer logins (XOAUTH2/OAUTHBEARER) verified locally against the fake realm's JWKS. */
class CredentialAuthenticatorBearerTest {
  private static final String IP = "192.0.2.10";

  private final MutableClock clock = new MutableClock(Instant.now());
  private FakeKeycloak keycloak;
  private CredentialAuthenticator auth;

  @BeforeEach
  void start() throws Exception {
    keycloak = new FakeKeycloak(clock);
    auth = new CredentialAuthenticator(keycloak.settings(1000, 1000), clock);
  }

  @AfterEach
  void stop() {
    auth.close();
    keycloak.close();
  }

  private JWTClaimsSet.Builder alice() {
    return keycloak.claims("alice", "alice@example.eu", Set.of("staff", "default-roles-sovereign"));
  }

  @Test
  void aGoodTokenIsAcceptedWithItsRealmRoles() {
    AuthResult result = auth.authenticateBearer("alice", keycloak.sign(alice().build()), IP);

    assertThat(result).isInstanceOfSatisfying(AuthResult.Authenticated.class, ok -> {
      assertThat(ok.principal().username()).isEqualTo("alice");
      assertThat(ok.principal().email()).isEqualTo("alice@example.eu");
      assertThat(ok.principal().realmRoles()).contains("staff");
      assertThat(ok.principal().hasRole("legal")).isFalse();
    });
    assertThat(keycloak.tokenCalls()).isZero();
  }

  @Test
  void anApiTokenIsCheckedWithoutALoginAndCarriesItsRoles() {
    assertThat(auth.verifyAccessToken(keycloak.sign(alice().build())))
        .hasValueSatisfying(p -> assertThat(p.username()).isEqualTo("alice"));
    assertThat(auth.verifyAccessToken(keycloak.sign(alice().issuer("http://127.0.0.1:1/realms/other").build()))).isEmpty();
    assertThat(auth.verifyAccessToken("not-a-token")).isEmpty();
    auth.revoke("alice");
    assertThat(auth.verifyAccessToken(keycloak.sign(alice().issueTime(java.util.Date.from(clock.instant().minusSeconds(5))).build()))).isEmpty();
  }

  @Test
  void anApiMayAcceptTokensOfSeveralClientsOfTheRealmButNoOthers() {
    java.util.Set<String> clients = java.util.Set.of("sovereign-gateway", "sovereign-archive-ui");
    String ui = keycloak.sign(alice().audience("sovereign-archive-ui").claim("azp", "sovereign-archive-ui").build());
    assertThat(auth.verifyAccessToken(ui)).isEmpty();
    assertThat(auth.verifyAccessToken(ui, clients)).map(p -> p.username()).contains("alice");
    assertThat(auth.verifyAccessToken(keycloak.sign(alice().audience("account").claim("azp", "admin-cli").build()),
        clients)).isEmpty();
  }

  @Test
  void theLoginMayBeTheEmailInAnyCase() {
    assertThat(auth.authenticateBearer("Alice@Example.EU", keycloak.sign(alice().build()), IP))
        .isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void aTokenWithOnlyAzpOfTheGatewayIsAccepted() {
    String token = keycloak.sign(alice().audience("account").build());
    assertThat(auth.authenticateBearer("alice", token, IP)).isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void wrongIssuerIsRejected() {
    assertRejected(keycloak.sign(alice().issuer("http://127.0.0.1:1/realms/other").build()));
  }

  @Test
  void wrongAudienceIsRejected() {
    assertRejected(keycloak.sign(alice().audience("sovereign-archive-ui").claim("azp", "sovereign-archive-ui").build()));
  }

  @Test
  void expiredTokenIsRejected() {
    String token = keycloak.sign(alice().build());
    clock.advance(Duration.ofMinutes(5).plusSeconds(31));
    assertRejected(token);
  }

  @Test
  void aTokenJustPastItsExpiryIsAcceptedWithinTheClockSkew() {
    String token = keycloak.sign(alice().build());
    clock.advance(Duration.ofMinutes(5).plusSeconds(10));
    assertThat(auth.authenticateBearer("alice", token, IP)).isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void notYetValidTokenIsRejected() {
    assertRejected(keycloak.sign(alice().notBeforeTime(Date.from(clock.instant().plusSeconds(120))).build()));
  }

  @Test
  void tokenWithoutExpiryIsRejected() {
    assertRejected(keycloak.sign(alice().expirationTime(null).build()));
  }

  @Test
  void badSignatureIsRejected() throws Exception {
    RSAKey impostor = new RSAKeyGenerator(2048).keyID(keycloak.signingKey().getKeyID()).generate();
    assertRejected(FakeKeycloak.sign(alice().build(), impostor));
  }

  @Test
  void tamperedPayloadIsRejected() {
    String[] parts = keycloak.sign(alice().build()).split("\\.");
    String escalated = keycloak.sign(keycloak.claims("alice", "alice@example.eu", Set.of("mail-admin")).build())
        .split("\\.")[1];
    assertRejected(parts[0] + "." + escalated + "." + parts[2]);
  }

  @Test
  void aTokenOfAnotherUserIsRejected() {
    String bobToken = keycloak.sign(keycloak.claims("bob", "bob@example.eu", Set.of("staff")).build());
    assertRejected(bobToken);
  }

  @Test
  void anIdTokenIsRejected() {
    assertRejected(keycloak.sign(alice().claim("typ", "ID").build()));
  }

  @Test
  void algNoneIsRejected() {
    assertRejected(new PlainJWT(alice().build()).serialize());
  }

  @Test
  void hmacSignedWithThePublicKeyAsSecretIsRejected() throws JOSEException {
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keycloak.signingKey().getKeyID()).build(), alice().build());
    jwt.sign(new MACSigner(keycloak.signingKey().toRSAPublicKey().getEncoded()));
    assertRejected(jwt.serialize());
  }

  @Test
  void aKeyIdThatKeycloakWouldNeverMakeIsRejectedWithoutAFetch() throws JOSEException {
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1\nevent=forged").build(), alice().build());
    jwt.sign(new RSASSASigner(keycloak.signingKey()));
    assertRejected(jwt.serialize());
    assertThat(keycloak.jwksCalls()).isZero();
  }

  @Test
  void garbageIsRejected() {
    assertRejected("not.a.token");
    assertRejected("");
  }

  @Test
  void jwksIsFetchedOnceAndAgainForANewKeyIdButNotMoreOftenThanTheRateLimit() {
    assertThat(auth.authenticateBearer("alice", keycloak.sign(alice().build()), IP))
        .isInstanceOf(AuthResult.Authenticated.class);
    assertThat(auth.authenticateBearer("alice", keycloak.sign(alice().build()), IP))
        .isInstanceOf(AuthResult.Authenticated.class);
    assertThat(keycloak.jwksCalls()).isEqualTo(1);

    keycloak.rotateKey("k2");
    clock.advance(Duration.ofSeconds(31));
    assertThat(auth.authenticateBearer("alice", keycloak.sign(alice().build()), IP))
        .isInstanceOf(AuthResult.Authenticated.class);
    assertThat(keycloak.jwksCalls()).isEqualTo(2);

    // A forged key id right after a fetch does not make the gateway ask again.
    keycloak.rotateKey("k3");
    assertRejected(keycloak.sign(alice().build()));
    assertThat(keycloak.jwksCalls()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(31));
    assertThat(auth.authenticateBearer("alice", keycloak.sign(alice().build()), IP))
        .isInstanceOf(AuthResult.Authenticated.class);
    assertThat(keycloak.jwksCalls()).isEqualTo(3);
  }

  @Test
  void knownKeysKeepWorkingWhenKeycloakIsDownButUnknownOnesAreTemporarilyUnavailable() {
    String before = keycloak.sign(alice().build());
    assertThat(auth.authenticateBearer("alice", before, IP)).isInstanceOf(AuthResult.Authenticated.class);
    keycloak.rotateKey("k2");
    String fromNewKey = keycloak.sign(alice().build());
    keycloak.close();

    assertThat(auth.authenticateBearer("alice", before, IP)).isInstanceOf(AuthResult.Authenticated.class);
    clock.advance(Duration.ofSeconds(31));
    assertThat(auth.authenticateBearer("alice", fromNewKey, IP)).isInstanceOf(AuthResult.TemporarilyUnavailable.class);
  }

  @Test
  void tokensIssuedBeforeARevocationAreRejected() {
    String token = keycloak.sign(alice().build());
    assertThat(auth.authenticateBearer("alice", token, IP)).isInstanceOf(AuthResult.Authenticated.class);
    clock.advance(Duration.ofSeconds(2));
    auth.revoke("alice");
    assertRejected(token);
    clock.advance(Duration.ofSeconds(2));
    assertThat(auth.authenticateBearer("alice", keycloak.sign(alice().build()), IP))
        .isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void failedBearerAttemptsAreThrottledLikePasswords() {
    try (CredentialAuthenticator strict = new CredentialAuthenticator(keycloak.settings(2, 100), clock)) {
      String good = keycloak.sign(alice().build());
      assertThat(strict.authenticateBearer("alice", "bad", IP)).isEqualTo(new AuthResult.Rejected(Duration.ofMillis(250)));
      assertThat(strict.authenticateBearer("alice", "bad", IP)).isEqualTo(new AuthResult.Rejected(Duration.ofMillis(500)));
      assertThat(strict.authenticateBearer("alice", good, IP)).isInstanceOf(AuthResult.Rejected.class);
      clock.advance(Duration.ofMinutes(15));
      assertThat(strict.authenticateBearer("alice", keycloak.sign(alice().build()), IP))
          .isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  private void assertRejected(String token) {
    assertThat(auth.authenticateBearer("alice", token, IP)).isInstanceOf(AuthResult.Rejected.class);
  }
}
