package eu.sovereignmail.identity.keycloak;

import static eu.sovereignmail.identity.keycloak.KeycloakFixture.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sovereignmail.stack.keycloak.KeycloakAdmin;
import eu.sovereignmail.stack.keycloak.KeycloakException;
import eu.sovereignmail.stack.keycloak.KeycloakServer;
import eu.sovereignmail.stack.keycloak.KeycloakSettings;
import eu.sovereignmail.stack.keycloak.KeycloakUser;
import eu.sovereignmail.stack.keycloak.TokenResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** The shipped realm file, imported into a real Keycloak (started once for the class, restarted once at the end). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SovereignRealmIT {
  private static final String REALM = KeycloakFixture.REALM;
  private static final String GATEWAY = KeycloakFixture.GATEWAY;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String alicePassword = secret();
  private final String gatewaySecret = secret();
  private KeycloakFixture keycloak;
  private KeycloakSettings settings;
  private KeycloakServer server;
  private KeycloakAdmin admin;

  @BeforeAll
  void startKeycloak() throws Exception {
    keycloak = KeycloakFixture.start();
    settings = keycloak.settings();
    server = keycloak.server();
    admin = keycloak.admin();
  }

  @AfterAll
  void stopKeycloak() throws Exception {
    if (keycloak != null) {
      keycloak.close();
    }
  }

  @Test
  @Order(1)
  void importsTheRealmWithItsRolesAndClients() throws Exception {
    assertThat(server.healthy()).isTrue();
    assertThat(admin.realms()).containsOnlyOnce(REALM);
    assertThat(admin.realmRoles(REALM)).contains("staff", "legal", "legal-admin", "mail-admin");
    assertThat(admin.listUsers(REALM)).isEmpty();

    JsonNode discovery = getJson(URI.create(server.issuer() + "/.well-known/openid-configuration"));
    assertThat(discovery.path("issuer").asText()).isEqualTo(settings.issuer().toString());
    assertThat(discovery.path("grant_types_supported").toString()).contains("password");
  }

  @Test
  @Order(2)
  void passwordGrantForAliceCarriesTheGatewayAudienceAndHerRealmRole() throws Exception {
    String id = admin.ensureUser(REALM, "alice", "alice@example.eu", "Alice", "Liddell", alicePassword, Set.of("staff"));
    admin.setClientSecret(REALM, GATEWAY, gatewaySecret);

    KeycloakUser alice = admin.findUser(REALM, "alice").orElseThrow();
    assertThat(alice.id()).isEqualTo(id);
    assertThat(alice.email()).isEqualTo("alice@example.eu");
    assertThat(alice.emailVerified()).isTrue();
    assertThat(alice.enabled()).isTrue();

    TokenResponse token = admin.passwordGrant(REALM, GATEWAY, gatewaySecret, "alice", alicePassword);
    assertThat(token.toString()).doesNotContain(token.accessToken());
    JsonNode claims = claims(token.accessToken());
    assertThat(audiences(claims)).contains(GATEWAY);
    assertThat(claims.path("iss").asText()).isEqualTo(settings.issuer().toString());
    assertThat(claims.path("azp").asText()).isEqualTo(GATEWAY);
    assertThat(claims.path("preferred_username").asText()).isEqualTo("alice");
    assertThat(claims.path("email").asText()).isEqualTo("alice@example.eu");
    assertThat(claims.path("realm_access").path("roles").toString()).contains("\"staff\"");
    assertThat(claims.path("realm_access").path("roles").toString()).doesNotContain("legal");
  }

  /**
   * Keycloak 26.7 answers wrong user credentials with 400 {@code invalid_grant} (RFC 6749 section 5.2), not 401;
   * 401 ({@code unauthorized_client}) is for a wrong client secret.
   */
  @Test
  @Order(3)
  void wrongPasswordIsRefusedAsInvalidGrantAndWrongClientSecretWith401() {
    assertThatThrownBy(() -> admin.passwordGrant(REALM, GATEWAY, gatewaySecret, "alice", alicePassword + "x"))
        .isInstanceOfSatisfying(KeycloakException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.isInvalidGrant()).isTrue();
        })
        .hasMessageNotContaining(alicePassword);
    assertThatThrownBy(() -> admin.passwordGrant(REALM, GATEWAY, "not-the-secret", "alice", alicePassword))
        .isInstanceOfSatisfying(KeycloakException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.error()).isEqualTo("unauthorized_client");
        });
  }

  @Test
  @Order(4)
  void ensureUserIsIdempotentAndMakesTheRolesExactlyTheGivenOnes() throws Exception {
    String first = admin.ensureUser(REALM, "mara", "mara@example.eu", "Mara", "Admin", secret(), Set.of("legal"));
    String newPassword = secret();
    String second = admin.ensureUser(REALM, "mara", "mara@example.eu", "Mara", "Admin", newPassword,
        Set.of("legal-admin", "mail-admin"));
    assertThat(second).isEqualTo(first);
    assertThat(admin.userRealmRoles(REALM, "mara")).contains("legal-admin", "mail-admin").doesNotContain("legal");
    assertThat(admin.listUsers(REALM)).extracting(KeycloakUser::username).containsExactlyInAnyOrder("alice", "mara");
    assertThat(admin.passwordGrant(REALM, GATEWAY, gatewaySecret, "mara", newPassword).accessToken()).isNotBlank();
  }

  @Test
  @Order(5)
  void disabledUserCannotLogInAndDeletedUserIsGone() throws Exception {
    String password = secret();
    admin.ensureUser(REALM, "bob", "bob@example.eu", "Bob", "Builder", password, Set.of("staff"));
    assertThat(admin.disableUser(REALM, "bob")).isTrue();
    assertThatThrownBy(() -> admin.passwordGrant(REALM, GATEWAY, gatewaySecret, "bob", password))
        .isInstanceOfSatisfying(KeycloakException.class, e -> assertThat(e.isInvalidGrant()).isTrue());
    assertThat(admin.deleteUser(REALM, "bob")).isTrue();
    assertThat(admin.findUser(REALM, "bob")).isEmpty();
    assertThat(admin.deleteUser(REALM, "bob")).isFalse();
    assertThat(admin.disableUser(REALM, "bob")).isFalse();
  }

  @Test
  @Order(6)
  void restartOnTheSameHomeKeepsUsersAndSecretAndDoesNotDuplicateTheRealm() throws Exception {
    assertThat(keycloak.stop(Duration.ofSeconds(30))).isTrue();
    assertThat(server.healthy()).isFalse();
    server = keycloak.restart();

    assertThat(admin.realms()).containsOnlyOnce(REALM);
    assertThat(admin.listUsers(REALM)).extracting(KeycloakUser::username).containsExactlyInAnyOrder("alice", "mara");
    JsonNode claims = claims(admin.passwordGrant(REALM, GATEWAY, gatewaySecret, "alice", alicePassword).accessToken());
    assertThat(audiences(claims)).contains(GATEWAY);
    assertThat(Files.readString(server.logFile())).contains("Realm 'sovereign' already exists. Import skipped");
    assertThat(Files.readString(server.logFile())).doesNotContain(alicePassword).doesNotContain(gatewaySecret);
  }

  private static JsonNode claims(String jwt) throws Exception {
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
  }

  private static List<String> audiences(JsonNode claims) {
    JsonNode aud = claims.path("aud");
    List<String> audiences = new ArrayList<>();
    if (aud.isArray()) {
      aud.forEach(a -> audiences.add(a.asText()));
    } else if (aud.isTextual()) {
      audiences.add(aud.asText());
    }
    return audiences;
  }

  private static JsonNode getJson(URI uri) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
