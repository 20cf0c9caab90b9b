package eu.sovereignmail.gateway.http.apppassword;

import static eu.sovereignmail.identity.keycloak.KeycloakFixture.GATEWAY;
import static eu.sovereignmail.identity.keycloak.KeycloakFixture.REALM;
import static eu.sovereignmail.identity.keycloak.KeycloakFixture.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.sovereignmail.gateway.app.Gateway;
import eu.sovereignmail.gateway.smtp.session.ListenerKind;
import eu.sovereignmail.gateway.testing.Backends;
import eu.sovereignmail.gateway.testing.GatewayConfigs;
import eu.sovereignmail.identity.apppassword.Account;
import eu.sovereignmail.identity.apppassword.AppPasswordSettings;
import eu.sovereignmail.identity.apppassword.AppPasswords;
import eu.sovereignmail.identity.apppassword.IssuedAppPassword;
import eu.sovereignmail.identity.apppassword.JdbcAppPasswordRepository;
import eu.sovereignmail.identity.auth.AuthResult;
import eu.sovereignmail.identity.auth.CredentialAuthenticator;
import eu.sovereignmail.identity.auth.IdentitySettings;
import eu.sovereignmail.identity.keycloak.KeycloakFixture;
import eu.sovereignmail.stack.keycloak.KeycloakException;
import eu.sovereignmail.stack.process.Ports;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
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

/**
 * App passwords through the whole gateway with the real Keycloak and James: a user who must set up a second factor
 * (required action CONFIGURE_TOTP) cannot do a direct grant, yet submits mail over SMTPS with an app password; admins
 * manage it over HTTP with a real access token; a revoked one stops working. Also logs the cold direct-grant latency.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppPasswordIT {
  private static final Logger LOG = LoggerFactory.getLogger(AppPasswordIT.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOMAIN = "apppw.test";
  private static final String DORA = "apw-dora";
  private static final String DORA_EMAIL = DORA + "@" + DOMAIN;

  private final String gatewaySecret = secret();
  private final String doraPassword = secret();
  private final String adminPassword = secret();
  private final String staffPassword = secret();
  private final HttpClient http = HttpClient.newHttpClient();
  private Backends backends;
  private KeycloakFixture keycloak;
  private Gateway gateway;
  private HikariDataSource pool;
  private AppPasswords otherGateway;
  private IssuedAppPassword phone;

  @BeforeAll
  void start() throws Exception {
    backends = Backends.get();
    keycloak = backends.keycloak();
    backends.users(DOMAIN, DORA);
    keycloak.admin().setClientSecret(REALM, GATEWAY, gatewaySecret);
    keycloak.admin().ensureUser(REALM, DORA, DORA_EMAIL, "Dora", "Second-Factor", doraPassword, Set.of("staff"));
    requireTotpSetup(DORA);
    keycloak.admin().ensureUser(REALM, "apw-admin", "apw-admin@" + DOMAIN, "Ada", "Admin", adminPassword,
        Set.of("mail-admin"));
    keycloak.admin().ensureUser(REALM, "apw-staff", "apw-staff@" + DOMAIN, "Sam", "Staff", staffPassword, Set.of("staff"));

    Path data = backends.newDirectory("app-passwords");
    String yaml = GatewayConfigs.yaml(backends, data, "mx." + DOMAIN, "apppw_it", Ports.freeLoopbackPort(), """
        identity:
          issuer: %s
          client-id: %s
          client-secret: %s
        """.formatted(keycloak.settings().issuer(), GATEWAY, gatewaySecret));
    gateway = Gateway.start(GatewayConfigs.parse(yaml));

    // A second store on the gateway's database stands for another gateway (or an admin tool) making the password.
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(backends.database("apppw_it", "apppw_it-secret"));
    config.setUsername("apppw_it");
    config.setPassword("apppw_it-secret");
    config.setMaximumPoolSize(2);
    pool = new HikariDataSource(config);
    otherGateway = AppPasswords.open(JdbcAppPasswordRepository.open(pool), AppPasswordSettings.defaults());
  }

  @AfterAll
  void stop() {
    if (otherGateway != null) {
      otherGateway.close();
    }
    if (pool != null) {
      pool.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  @Order(1)
  void aUserWhoMustSetUpASecondFactorCannotDoADirectGrant() {
    assertThatThrownBy(() -> keycloak.admin().passwordGrant(REALM, GATEWAY, gatewaySecret, DORA, doraPassword))
        .isInstanceOfSatisfying(KeycloakException.class, e -> assertThat(e.isInvalidGrant()).isTrue());
    assertThatThrownBy(() -> submit(DORA_EMAIL, doraPassword, "with her Keycloak password"))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  @Order(2)
  void withAnAppPasswordSheSubmitsMailOverSmtps() throws Exception {
    phone = otherGateway.create(new Account(DORA, DORA_EMAIL), "Phone", "apw-admin");

    submit(DORA_EMAIL, phone.secret(), "sent with an app password");

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(backends.inboxSubjects(DORA_EMAIL)).contains("sent with an app password"));
    assertThatThrownBy(() -> submit(DORA_EMAIL, "aaaa-bbbb-cccc-dddd", "guessed"))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  @Order(3)
  void aMailAdminManagesHerAppPasswordsWithARealAccessTokenAndStaffCannot() throws Exception {
    String admin = token("apw-admin", adminPassword);
    String staff = token("apw-staff", staffPassword);

    assertThat(api("GET", "?user=" + DORA, staff, null).statusCode()).isEqualTo(403);
    HttpResponse<String> created = api("POST", "?user=" + DORA_EMAIL, admin, "{\"label\":\"Laptop\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String laptop = JSON.readTree(created.body()).path("password").asText();

    JsonNode list = JSON.readTree(api("GET", "?user=" + DORA, admin, null).body());
    assertThat(list.path("appPasswords")).extracting(p -> p.path("label").asText()).containsExactly("Phone", "Laptop");
    assertThat(list.path("appPasswords").get(0).path("lastUsedAt").isNull()).isFalse();

    // Staff manage their own with their own token.
    assertThat(api("POST", "", staff, "{\"label\":\"Tablet\"}").statusCode()).isEqualTo(201);

    assertThat(api("DELETE", "/" + phone.info().id() + "?user=" + DORA, admin, null).statusCode()).isEqualTo(204);
    assertThatThrownBy(() -> submit(DORA_EMAIL, phone.secret(), "revoked"))
        .isInstanceOf(AuthenticationFailedException.class);
    submit(DORA, laptop, "sent from the laptop, logged in by username");
  }

  @Test
  @Order(4)
  void theRealmsCliClientOffersTheDeviceGrantWithTheGatewayAsAudience() throws Exception {
    URI device = URI.create(keycloak.settings().issuer() + "/protocol/openid-connect/auth/device");
    HttpResponse<String> started = http.send(HttpRequest.newBuilder(device)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("client_id=sovereign-cli")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(started.body());
    assertThat(body.path("user_code").asText()).isNotBlank();
    assertThat(body.path("verification_uri_complete").asText()).contains("/realms/" + REALM + "/device");
    assertThat(body.path("interval").asInt()).isEqualTo(5);

    // The client allows nothing else: no password grant.
    HttpResponse<String> password = http.send(HttpRequest.newBuilder(
                URI.create(keycloak.settings().issuer() + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(
                "grant_type=password&client_id=sovereign-cli&username=apw-staff&password=" + staffPassword)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(password.statusCode()).isIn(400, 401);
    assertThat(JSON.readTree(password.body()).path("error").asText()).isEqualTo("unauthorized_client");
  }

  /** Not an assertion on speed: the figures for the documentation, with every call going to Keycloak. */
  @Test
  @Order(5)
  void coldDirectGrantLatencyIsLogged() {
    IdentitySettings d = IdentitySettings.defaults(keycloak.settings().issuer(), GATEWAY, gatewaySecret);
    IdentitySettings noCache = new IdentitySettings(d.issuer(), d.clientId(), d.clientSecret(), Duration.ofNanos(1),
        d.outageGrace(), d.connectTimeout(), d.requestTimeout(), d.clockSkew(), d.jwksMinRefresh(), 1000, 1000,
        d.lockout(), d.baseDelay(), d.maxDelay());
    try (CredentialAuthenticator auth = new CredentialAuthenticator(noCache)) {
      long first = System.nanoTime();
      assertThat(auth.authenticatePassword("apw-staff", staffPassword, "127.0.0.1")).isInstanceOf(AuthResult.Authenticated.class);
      long firstMs = (System.nanoTime() - first) / 1_000_000;
      List<Long> micros = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        long start = System.nanoTime();
        assertThat(auth.authenticatePassword("apw-staff", staffPassword, "127.0.0.1")).isInstanceOf(AuthResult.Authenticated.class);
        micros.add((System.nanoTime() - start) / 1000);
      }
      Collections.sort(micros);
      LOG.info("event=it.auth.direct_grant_latency first_ms={} (with JWKS fetch) median_ms={} p90_ms={} max_ms={} n={}",
          firstMs, micros.get(15) / 1000.0, micros.get(27) / 1000.0, micros.get(29) / 1000.0, micros.size());
    }
  }

  private void submit(String user, String password, String subject) throws Exception {
    Properties props = new Properties();
    props.put("mail.smtps.host", "127.0.0.1");
    props.put("mail.smtps.port", String.valueOf(gateway.smtpPort(ListenerKind.SUBMISSIONS)));
    props.put("mail.smtps.auth", "true");
    props.put("mail.smtps.ssl.trust", "*");
    props.put("mail.smtps.ssl.checkserveridentity", "false");
    props.put("mail.smtps.timeout", "30000");
    Session session = Session.getInstance(props);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(DORA_EMAIL));
    message.setRecipients(Message.RecipientType.TO, DORA_EMAIL);
    message.setSubject(subject);
    message.setText("hello from a device with an app password");
    try (Transport transport = session.getTransport("smtps")) {
      transport.connect(user, password);
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  private String token(String user, String password) throws Exception {
    return keycloak.admin().passwordGrant(REALM, GATEWAY, gatewaySecret, user, password).accessToken();
  }

  private HttpResponse<String> api(String method, String pathAndQuery, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.httpPort() + AppPasswordApi.PATH + pathAndQuery))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Keycloak's required action CONFIGURE_TOTP: until the user sets up a second factor, no direct grant succeeds. */
  private void requireTotpSetup(String username) throws Exception {
    var settings = keycloak.settings();
    String adminToken = keycloak.admin().passwordGrant("master", "admin-cli", null, settings.adminUser(),
        settings.adminPassword()).accessToken();
    String id = keycloak.admin().findUser(REALM, username).orElseThrow().id();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(settings.baseUrl() + "/admin/realms/" + REALM + "/users/" + id))
            .header("Authorization", "Bearer " + adminToken)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"requiredActions\":[\"CONFIGURE_TOTP\"]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
  }
}
