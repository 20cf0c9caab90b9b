package eu.sovereignmail.gateway.http;

import static eu.sovereignmail.gateway.http.AdminApiFixture.KEYCLOAK_ADMIN_TOKEN;
import static eu.sovereignmail.gateway.http.AdminApiFixture.KEYCLOAK_STAFF_TOKEN;
import static eu.sovereignmail.gateway.http.AdminApiFixture.LOCAL_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sovereignmail.gateway.routing.Route;
import eu.sovereignmail.gateway.routing.RouteRule.Scope;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminRouteApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private AdminApiFixture api;

  @BeforeEach
  void start() throws Exception {
    api = AdminApiFixture.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
  }

  @Test
  void showsTheDefaultWhenThereAreNoRules() throws Exception {
    HttpResponse<String> response = api.send("GET", "/api/routes");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("default").asText()).isEqualTo("SOVEREIGN");
    assertThat(body.path("rules").isArray()).isTrue();
    assertThat(body.path("rules")).isEmpty();
  }

  @Test
  void setsListsAndClearsDomainAndRecipientRulesWithWhoAndWhy() throws Exception {
    HttpResponse<String> domain = api.send("PUT", "/api/routes/domain/Example.EU", LOCAL_TOKEN,
        "{\"route\":\"LEGACY\",\"reason\":\"migration not started\"}");
    assertThat(domain.statusCode()).isEqualTo(200);
    JsonNode rule = JSON.readTree(domain.body());
    assertThat(rule.path("scope").asText()).isEqualTo("domain");
    assertThat(rule.path("key").asText()).isEqualTo("example.eu");
    assertThat(rule.path("route").asText()).isEqualTo("LEGACY");
    assertThat(rule.path("changedBy").asText()).isEqualTo("local-admin");
    assertThat(rule.path("reason").asText()).isEqualTo("migration not started");

    HttpResponse<String> recipient = api.send("PUT", "/api/routes/recipient/bob%2Btest%40example.eu", KEYCLOAK_ADMIN_TOKEN,
        "{\"route\":\"dual\"}");
    assertThat(recipient.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(recipient.body()).path("changedBy").asText()).isEqualTo("mara");
    assertThat(api.routes.route(Scope.RECIPIENT, "bob+test@example.eu")).contains(Route.DUAL);
    assertThat(api.routes.route(Scope.DOMAIN, "example.eu")).contains(Route.LEGACY);

    JsonNode all = JSON.readTree(api.send("GET", "/api/routes").body());
    assertThat(all.path("rules")).hasSize(2);
    assertThat(all.path("rules").get(0).path("key").asText()).isEqualTo("example.eu");
    assertThat(all.path("rules").get(1).path("key").asText()).isEqualTo("bob+test@example.eu");
    assertThat(all.path("rules").get(1).path("scope").asText()).isEqualTo("recipient");

    HttpResponse<String> cleared = api.send("DELETE", "/api/routes/recipient/bob%2Btest%40example.eu?reason=migrated",
        LOCAL_TOKEN, null);
    assertThat(cleared.statusCode()).isEqualTo(204);
    assertThat(api.routes.route(Scope.RECIPIENT, "bob+test@example.eu")).isEmpty();
    HttpResponse<String> again = api.send("DELETE", "/api/routes/recipient/bob%2Btest%40example.eu", LOCAL_TOKEN, null);
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(again.body()).path("error").asText()).contains("bob+test@example.eu");

    HttpResponse<String> history = api.send("GET", "/api/routes/history?limit=2");
    assertThat(history.statusCode()).isEqualTo(200);
    JsonNode changes = JSON.readTree(history.body()).path("changes");
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).path("before").asText()).isEqualTo("DUAL");
    assertThat(changes.get(0).path("after").isNull()).isTrue();
    assertThat(changes.get(0).path("reason").asText()).isEqualTo("migrated");
    assertThat(changes.get(1).path("before").isNull()).isTrue();
    assertThat(changes.get(1).path("after").asText()).isEqualTo("DUAL");
  }

  @Test
  void refusesBadRoutesKeysBodiesAndLimits() throws Exception {
    assertError(api.send("PUT", "/api/routes/domain/example.eu", LOCAL_TOKEN, "{\"route\":\"ELSEWHERE\"}"), 400, "unknown route");
    assertError(api.send("PUT", "/api/routes/domain/example.eu", LOCAL_TOKEN, "{\"reason\":\"x\"}"), 400, "\"route\" is required");
    assertError(api.send("PUT", "/api/routes/domain/example.eu", LOCAL_TOKEN, "{not json"), 400, "malformed JSON");
    assertError(api.send("PUT", "/api/routes/domain/example.eu", LOCAL_TOKEN, "{\"route\":\"DUAL\",\"oops\":1}"), 400, "malformed JSON");
    assertError(api.send("PUT", "/api/routes/domain/example.eu", LOCAL_TOKEN, null), 400, "JSON body is required");
    assertError(api.send("PUT", "/api/routes/domain/bob%40example.eu", LOCAL_TOKEN, "{\"route\":\"DUAL\"}"), 400, "needs a domain");
    assertError(api.send("PUT", "/api/routes/recipient/example.eu", LOCAL_TOKEN, "{\"route\":\"DUAL\"}"), 400, "full address");
    assertError(api.send("GET", "/api/routes/history?limit=many"), 400, "limit");
    assertError(api.send("PUT", "/api/routes/domain/example.eu", KEYCLOAK_STAFF_TOKEN, "{\"route\":\"DUAL\"}"), 403, "mail-admin");
    assertThat(api.routes.all()).isEmpty();
  }

  private static void assertError(HttpResponse<String> response, int status, String text) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(JSON.readTree(response.body()).path("error").asText()).contains(text);
  }
}
