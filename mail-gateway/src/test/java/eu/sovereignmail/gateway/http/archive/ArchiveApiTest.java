package eu.sovereignmail.gateway.http.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sovereignmail.gateway.health.Health;
import eu.sovereignmail.gateway.http.GatewayHttpServer;
import eu.sovereignmail.gateway.http.admin.BearerVerifier;
import eu.sovereignmail.gateway.http.admin.OpenApiDocument;
import eu.sovereignmail.identity.auth.Principal;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The archive API over a fake archive: the role matrix on every endpoint, errors, download headers, OpenAPI. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Principal> TOKENS = Map.of(
      "lea", new Principal("lea", "lea@example.eu", Set.of("legal")),
      "mara", new Principal("mara", "mara@example.eu", Set.of("legal-admin")),
      "alice", new Principal("alice", "alice@example.eu", Set.of("staff")));
  private static final List<String> ENDPOINTS = List.of("/api/archive/search?q=budget", "/api/archive/messages/1",
      "/api/archive/messages/1/raw", "/api/archive/messages/1/attachments/2");

  private final FakeArchiveSearch archive = new FakeArchiveSearch();
  private final HttpClient client = HttpClient.newHttpClient();
  private GatewayHttpServer server;

  @BeforeAll
  void start() throws Exception {
    BearerVerifier tokens = token -> Optional.ofNullable(TOKENS.get(token));
    ArchiveReader reader = new ArchiveReader(archive, id -> FakeArchiveSearch.RAW);
    server = GatewayHttpServer.start(InetAddress.getLoopbackAddress(), 0, new Health(Duration.ofSeconds(1)),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        List.of(new ArchiveApi(reader, new ArchiveAccess(tokens, BrowserSessions.NONE)), new OpenApiDocument()));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/archive/search?q=budget", "/api/archive/messages/1", "/api/archive/messages/1/raw",
      "/api/archive/messages/1/attachments/2"})
  void roleMatrix(String path) throws Exception {
    assertThat(get(path, null).statusCode()).isEqualTo(401);
    HttpResponse<String> unknown = get(path, "token-for-another-audience");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    assertThat(get(path, "alice").statusCode()).isEqualTo(403);
    assertThat(get(path, "lea").statusCode()).isEqualTo(200);
    assertThat(get(path, "mara").statusCode()).isEqualTo(200);
    assertThat(ENDPOINTS).contains(path);
  }

  @Test
  void searchAnswersJsonAndPassesTheActor() throws Exception {
    HttpResponse<String> response = get("/api/archive/search?q=budget&sort=relevance&page=2&size=10", "lea");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("total").asLong()).isEqualTo(1);
    assertThat(body.path("sort").asText()).isEqualTo("relevance");
    assertThat(body.path("page").asInt()).isEqualTo(2);
    assertThat(body.path("hits").get(0).path("date").asText()).isEqualTo("2025-01-06T10:00:00Z");
    assertThat(archive.actors.getLast().name()).isEqualTo("lea");
    assertThat(archive.actors.getLast().roles()).containsExactly("legal");
  }

  @Test
  void queryErrorsAre400WithThePosition() throws Exception {
    HttpResponse<String> response = get("/api/archive/search?q=" + "a%20((b", "lea");
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("position").asInt()).isEqualTo(2);
    assertThat(body.path("error").asText()).contains("not closed");
  }

  @Test
  void badParametersAre400() throws Exception {
    assertThat(get("/api/archive/search?q=x&sort=size", "lea").statusCode()).isEqualTo(400);
    assertThat(get("/api/archive/search?q=x&size=500", "lea").statusCode()).isEqualTo(400);
    assertThat(get("/api/archive/messages/abc", "lea").statusCode()).isEqualTo(400);
    assertThat(get("/api/archive/messages/2", "lea").statusCode()).isEqualTo(404);
    assertThat(get("/api/archive/messages/1/attachments/9", "lea").statusCode()).isEqualTo(404);
  }

  @Test
  void messageListsPartsWithDownloads() throws Exception {
    JsonNode body = JSON.readTree(get("/api/archive/messages/1", "lea").body());
    assertThat(body.path("parts")).hasSize(2);
    assertThat(body.path("parts").get(1).path("download").asText()).isEqualTo("/api/archive/messages/1/attachments/2");
    assertThat(body.path("copies").get(0).path("recipients").get(0).asText()).isEqualTo("lea@example.eu");
    assertThat(body.path("raw").asText()).isEqualTo("/api/archive/messages/1/raw");
  }

  @Test
  void attachmentsAreDownloadOnly() throws Exception {
    HttpResponse<byte[]> response = client.send(request("/api/archive/messages/1/attachments/2", "lea").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/octet-stream"));
    assertThat(response.headers().firstValue("Content-Disposition")).hasValue(
        "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(new String(response.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF-1.4");
    HttpResponse<byte[]> raw = client.send(request("/api/archive/messages/1/raw", "lea").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("message/rfc822"));
    assertThat(raw.body()).isEqualTo(FakeArchiveSearch.RAW);
  }

  @Test
  void downloadsAreRecordedBeforeTheyAreSent() throws Exception {
    List<String> recorded = new java.util.ArrayList<>();
    ArchiveReader reader = new ArchiveReader(archive, id -> FakeArchiveSearch.RAW, (actor, action, target, detail) ->
        recorded.add(actor.name() + " " + action + " " + target + " " + detail), ReadScope.NONE);
    ArchiveCaller lea = new ArchiveCaller(TOKENS.get("lea"), "192.0.2.7");
    reader.raw(lea, "1");
    reader.part(lea, "1", "2");
    assertThat(recorded).hasSize(2);
    assertThat(recorded.get(0)).isEqualTo("lea archive.download message:1 original file=\"message-1.eml\" bytes="
        + FakeArchiveSearch.RAW.length);
    assertThat(recorded.get(1)).startsWith("lea archive.download message:1 part=2 sha256=")
        .contains("file=\"report.pdf\"");
    ArchiveReader failing = new ArchiveReader(archive, id -> FakeArchiveSearch.RAW, (actor, action, target, detail) -> {
      throw new eu.sovereignmail.archive.audit.AuditFailedException("audit log down", null);
    }, ReadScope.NONE);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.raw(lea, "1"))
        .isInstanceOf(eu.sovereignmail.archive.audit.AuditFailedException.class);
  }

  @Test
  void openApiDescribesAdminAndArchive() throws Exception {
    HttpResponse<String> response = get("/api/openapi.json", null);
    JsonNode doc = JSON.readTree(response.body());
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    for (String path : List.of("/api/queue", "/api/routes", "/api/archive/search", "/api/archive/messages/{id}",
        "/api/archive/messages/{id}/raw", "/api/archive/messages/{id}/attachments/{n}")) {
      assertThat(doc.path("paths").has(path)).as(path).isTrue();
    }
    assertThat(doc.path("components").path("schemas").has("QueueList")).isTrue();
    assertThat(doc.path("components").path("schemas").has("ArchiveResults")).isTrue();
    assertThat(doc.path("components").path("securitySchemes").has("archiveBearer")).isTrue();
    doc.findValues("$ref").forEach(ref -> assertThat(doc.at(ref.asText().substring(1)).isMissingNode())
        .as(ref.asText()).isFalse());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return client.send(request(path, token).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }
}
