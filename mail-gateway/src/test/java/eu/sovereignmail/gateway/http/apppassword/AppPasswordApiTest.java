package eu.sovereignmail.gateway.http.apppassword;

import static eu.sovereignmail.gateway.http.apppassword.AppPasswordApiFixture.ALICE;
import static eu.sovereignmail.gateway.http.apppassword.AppPasswordApiFixture.BOB;
import static eu.sovereignmail.gateway.http.apppassword.AppPasswordApiFixture.LOCAL;
import static eu.sovereignmail.gateway.http.apppassword.AppPasswordApiFixture.MARA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sovereignmail.identity.apppassword.AppPasswords;
import eu.sovereignmail.identity.apppassword.InMemoryAppPasswordRepository;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/app-passwords} on a real HTTP server: who may do what (own user, other user, mail-admin, local admin
 * token, no token), the secret shown once, and errors as JSON.
 */
class AppPasswordApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private AppPasswordApiFixture api;
  private AppPasswords store;
  private InMemoryAppPasswordRepository repository;

  @BeforeEach
  void start() {
    api = new AppPasswordApiFixture(2);
    store = api.store;
    repository = api.repository;
  }

  @AfterEach
  void stop() {
    api.close();
    client.close();
  }

  @Test
  void aUserMakesListsAndRevokesHerOwnAndTheSecretIsShownOnlyOnce() throws Exception {
    HttpResponse<String> created = send("POST", "", ALICE, "{\"label\":\"Phone\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Cache-Control")).contains("no-store");
    JsonNode body = JSON.readTree(created.body());
    String secret = body.path("password").asText();
    String id = body.path("id").asText();
    assertThat(secret).matches("([a-z2-9]{4}-){3}[a-z2-9]{4}");
    assertThat(body.path("user").asText()).isEqualTo("alice");
    assertThat(body.path("createdBy").asText()).isEqualTo("alice");
    assertThat(store.verify("alice@example.eu", secret)).isPresent();

    HttpResponse<String> listed = send("GET", "", ALICE, null);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(secret).doesNotContain("argon2");
    JsonNode list = JSON.readTree(listed.body());
    assertThat(list.path("user").asText()).isEqualTo("alice");
    assertThat(list.path("appPasswords")).hasSize(1);
    assertThat(list.path("appPasswords").get(0).path("label").asText()).isEqualTo("Phone");
    assertThat(list.path("appPasswords").get(0).path("id").asText()).isEqualTo(id);

    // Naming herself explicitly is the same as not naming anyone.
    assertThat(send("GET", "?user=Alice@Example.eu", ALICE, null).statusCode()).isEqualTo(200);

    assertThat(send("DELETE", "/" + id, ALICE, null).statusCode()).isEqualTo(204);
    assertThat(store.verify("alice", secret)).isEmpty();
    assertThat(send("DELETE", "/" + id, ALICE, null).statusCode()).isEqualTo(404);
  }

  @Test
  void aUserCannotSeeMakeOrRevokeSomeoneElses() throws Exception {
    String bobsId = JSON.readTree(send("POST", "", BOB, "{\"label\":\"Tablet\"}").body()).path("id").asText();

    for (HttpResponse<String> response : List.of(
        send("GET", "?user=bob", ALICE, null),
        send("POST", "?user=bob", ALICE, "{\"label\":\"sneaky\"}"),
        send("DELETE", "/" + bobsId + "?user=bob", ALICE, null))) {
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(JSON.readTree(response.body()).path("error").asText()).contains("mail-admin");
    }
    // Without ?user= the id is looked up among her own: not found, and nothing said about bob.
    HttpResponse<String> notHers = send("DELETE", "/" + bobsId, ALICE, null);
    assertThat(notHers.statusCode()).isEqualTo(404);
    assertThat(notHers.body()).doesNotContain("bob");
    assertThat(store.list("bob")).hasSize(1);
  }

  @Test
  void aMailAdminActsForAnyoneNamedByUsernameOrEmail() throws Exception {
    HttpResponse<String> created = send("POST", "?user=dora%40example.eu", MARA, "{\"label\":\"Dora's phone\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = JSON.readTree(created.body());
    assertThat(body.path("user").asText()).isEqualTo("dora");
    assertThat(body.path("createdBy").asText()).isEqualTo("mara");
    assertThat(store.verify("dora@example.eu", body.path("password").asText())).isPresent();

    JsonNode list = JSON.readTree(send("GET", "?user=dora", MARA, null).body());
    assertThat(list.path("appPasswords")).hasSize(1);
    assertThat(list.path("appPasswords").get(0).path("createdBy").asText()).isEqualTo("mara");

    assertThat(send("DELETE", "/" + body.path("id").asText() + "?user=dora", MARA, null).statusCode()).isEqualTo(204);
    assertThat(store.list("dora")).isEmpty();
    // Without ?user= she acts on her own.
    assertThat(JSON.readTree(send("GET", "", MARA, null).body()).path("user").asText()).isEqualTo("mara");
  }

  @Test
  void theLocalAdminTokenActsForANamedUserOnly() throws Exception {
    HttpResponse<String> noUser = send("GET", "", LOCAL, null);
    assertThat(noUser.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noUser.body()).path("error").asText()).contains("?user=");

    HttpResponse<String> created = send("POST", "?user=dora", LOCAL, "{\"label\":\"Laptop\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).path("createdBy").asText()).isEqualTo("local-admin");
  }

  @Test
  void anUnknownUserCannotGetAnAppPasswordButListingThemIsJustEmpty() throws Exception {
    HttpResponse<String> created = send("POST", "?user=nobody", MARA, "{\"label\":\"Phone\"}");
    assertThat(created.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(created.body()).path("error").asText()).contains("unknown user nobody");
    assertThat(JSON.readTree(send("GET", "?user=nobody", MARA, null).body()).path("appPasswords")).isEmpty();
  }

  @Test
  void withoutAValidTokenNothingIsAnswered() throws Exception {
    for (String token : new String[] {null, "not-a-token"}) {
      for (HttpResponse<String> response : List.of(
          send("GET", "", token, null),
          send("POST", "", token, "{\"label\":\"x\"}"),
          send("DELETE", "/abcdefghjk", token, null))) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(JSON.readTree(response.body()).path("error").asText()).isNotBlank();
      }
    }
    assertThat(store.size()).isZero();
  }

  @Test
  void badRequestsLimitsAndOutagesAreClearJsonErrors() throws Exception {
    assertThat(send("POST", "", ALICE, "{\"label\":\"\"}").statusCode()).isEqualTo(400);
    assertThat(send("POST", "", ALICE, "{\"label\":\"x\",\"secret\":\"mine\"}").statusCode()).isEqualTo(400);
    assertThat(send("POST", "", ALICE, "not json").statusCode()).isEqualTo(400);
    assertThat(send("POST", "", ALICE, null).statusCode()).isEqualTo(400);

    assertThat(send("POST", "", ALICE, "{\"label\":\"one\"}").statusCode()).isEqualTo(201);
    assertThat(send("POST", "", ALICE, "{\"label\":\"two\"}").statusCode()).isEqualTo(201);
    HttpResponse<String> third = send("POST", "", ALICE, "{\"label\":\"three\"}");
    assertThat(third.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(third.body()).path("error").asText()).contains("revoke one first");

    repository.failing(true);
    HttpResponse<String> down = send("POST", "", BOB, "{\"label\":\"Phone\"}");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(down.body()).path("error").asText()).contains("database");
    assertThat(send("GET", "", ALICE, null).statusCode()).isEqualTo(200); // listing is served from memory
  }

  private HttpResponse<String> send(String method, String pathAndQuery, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            api.url().resolve(AppPasswordApi.PATH + pathAndQuery))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
