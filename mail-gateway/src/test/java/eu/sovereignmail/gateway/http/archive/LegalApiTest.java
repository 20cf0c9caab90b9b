package eu.sovereignmail.gateway.http.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sovereignmail.archive.audit.AccessDeniedException;
import eu.sovereignmail.archive.audit.AuditFailedException;
import eu.sovereignmail.archive.cases.CaseNotFoundException;
import eu.sovereignmail.archive.holds.HoldNotFoundException;
import eu.sovereignmail.archive.retention.FourEyesException;
import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.QuerySyntaxException;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The legal endpoints of {@code /api/archive} over in-memory cases, holds and audit log: the role matrix on every
 * endpoint (no token, another audience, staff, legal inside and outside a case, legal-admin), the archive's refusals as
 * HTTP statuses, request checks, resumable downloads, and the OpenAPI document naming every path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegalApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Principal> TOKENS = Map.of(
      "lea", new Principal("lea", "lea@example.eu", Set.of("legal")),
      "mara", new Principal("mara", "mara@example.eu", Set.of("legal-admin")),
      "alice", new Principal("alice", "alice@example.eu", Set.of("staff")));
  /** Statuses legal-admin gets where the real database is needed: not checked here (LegalUiBrowserIT does). */
  private static final int DB = 0;

  @TempDir
  static Path dir;
  private FakeLegal legal;
  private final HttpClient client = HttpClient.newHttpClient();
  private GatewayHttpServer server;
  private Path file;

  /** One endpoint: what legal (member of case 1, not of case 2) and legal-admin get. */
  record Call(String method, String path, String body, int lea, int mara) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  @BeforeAll
  void start() throws Exception {
    legal = new FakeLegal(dir);
    legal.add("Matter", "lea");
    legal.add("Other", "mara");
    legal.parts.holds().placeQueryHold(new Actor("mara", Set.of("legal-admin")), 1, "budget");
    file = dir.resolve("export.zip");
    byte[] content = new byte[10_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) i;
    }
    Files.write(file, content);
    BearerVerifier tokens = token -> Optional.ofNullable(TOKENS.get(token));
    ArchiveAccess access = new ArchiveAccess(tokens, BrowserSessions.NONE);
    server = GatewayHttpServer.start(InetAddress.getLoopbackAddress(), 0, new Health(Duration.ofSeconds(1)),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(new CasesApi(legal.parts, access),
            new ExportsApi(legal.parts, access), new RetentionApi(legal.parts, access),
            new AuditApi(legal.parts, access), new OpenApiDocument(),
            routes -> routes.get("/test/file", ctx -> new FileDownload(file, "export.zip", "application/zip", "abc")
                .send(ctx))));
  }

  @AfterAll
  void stop() {
    server.close();
    legal.parts.exports().close();
  }

  static Stream<Call> calls() {
    return Stream.of(
        new Call("GET", "/api/archive/cases", null, 200, 200),
        new Call("POST", "/api/archive/cases", "{\"name\":\"New matter\"}", 201, 201),
        new Call("GET", "/api/archive/cases/1", null, 200, 200),
        new Call("GET", "/api/archive/cases/2", null, 403, 200),
        new Call("PUT", "/api/archive/cases/1", "{\"description\":\"contract dispute\"}", 200, 200),
        new Call("PUT", "/api/archive/cases/2", "{\"status\":\"closed\"}", 403, 200),
        new Call("POST", "/api/archive/cases/1/members", "{\"username\":\"tom\"}", 200, 200),
        new Call("DELETE", "/api/archive/cases/1/members/tom", null, 200, 200),
        new Call("POST", "/api/archive/cases/1/custodians", "{\"address\":\"ceo@example.eu\"}", 200, 200),
        new Call("DELETE", "/api/archive/cases/1/custodians/ceo@example.eu", null, 200, 200),
        new Call("POST", "/api/archive/cases/1/searches", "{\"name\":\"b\",\"query\":\"budget\"}", 200, 200),
        new Call("DELETE", "/api/archive/cases/1/searches/99", null, 200, 200),
        new Call("POST", "/api/archive/cases/1/notes", "{\"text\":\"called counsel\"}", 200, 200),
        new Call("POST", "/api/archive/cases/2/notes", "{\"text\":\"not mine\"}", 403, 200),
        new Call("GET", "/api/archive/cases/1/holds", null, 200, 200),
        new Call("POST", "/api/archive/cases/1/holds", "{\"kind\":\"custodian\",\"address\":\"ceo@example.eu\","
            + "\"from\":\"2025-01-01\",\"to\":\"2025-06-30\"}", 201, 201),
        new Call("POST", "/api/archive/cases/1/holds", "{\"kind\":\"query\",\"query\":\"merger\"}", 201, 201),
        new Call("POST", "/api/archive/holds/3/release", "{\"reason\":\"settled\"}", 403, 200),
        new Call("GET", "/api/archive/retention/policies", null, 403, DB),
        new Call("POST", "/api/archive/retention/policies", "{\"scope\":\"domain\",\"target\":\"example.eu\","
            + "\"keep\":\"P10Y\"}", 403, DB),
        new Call("DELETE", "/api/archive/retention/policies/1", null, 403, DB),
        new Call("GET", "/api/archive/retention/due", null, 403, DB),
        new Call("GET", "/api/archive/purges", null, 403, DB),
        new Call("POST", "/api/archive/purges", "{\"policyId\":1}", 403, DB),
        new Call("GET", "/api/archive/purges/1", null, 403, DB),
        new Call("POST", "/api/archive/purges/1/approve", null, 403, DB),
        new Call("POST", "/api/archive/purges/1/reject", "{\"note\":\"no\"}", 403, DB),
        new Call("GET", "/api/archive/cases/1/exports", null, DB, DB),
        new Call("GET", "/api/archive/cases/2/exports", null, 403, DB),
        new Call("POST", "/api/archive/cases/1/exports", "{\"format\":\"zip\",\"queries\":[\"budget\"]}", DB, DB),
        new Call("POST", "/api/archive/cases/2/exports", "{\"format\":\"zip\",\"queries\":[\"budget\"]}", 403, DB),
        new Call("GET", "/api/archive/exports/public-key", null, 200, 200),
        new Call("GET", "/api/archive/exports/1", null, DB, DB),
        new Call("GET", "/api/archive/exports/1/download", null, DB, DB),
        new Call("GET", "/api/archive/exports/1/manifest.json", null, DB, DB),
        new Call("GET", "/api/archive/audit", null, 403, 200),
        new Call("GET", "/api/archive/audit/export?format=json", null, 403, 200),
        new Call("GET", "/api/archive/audit/verify", null, 403, 200));
  }

  @ParameterizedTest
  @MethodSource("calls")
  void roleMatrix(Call call) throws Exception {
    assertThat(send(call, null).statusCode()).as("no token").isEqualTo(401);
    assertThat(send(call, "token-for-another-audience").statusCode()).as("wrong audience").isEqualTo(401);
    assertThat(send(call, "alice").statusCode()).as("staff").isEqualTo(403);
    if (call.lea() != DB) {
      HttpResponse<String> lea = send(call, "lea");
      assertThat(lea.statusCode()).as("legal: " + lea.body()).isEqualTo(call.lea());
    }
    if (call.mara() != DB) {
      HttpResponse<String> mara = send(call, "mara");
      assertThat(mara.statusCode()).as("legal-admin: " + mara.body()).isEqualTo(call.mara());
    }
  }

  @Test
  void everyLegalPathIsInTheOpenApiDocument() throws Exception {
    JsonNode paths = new OpenApiDocument().json().path("paths");
    calls().map(c -> c.path().replaceAll("\\?.*", "")
            .replaceAll("/cases/\\d+", "/cases/{id}").replaceAll("/members/tom", "/members/{username}")
            .replaceAll("/custodians/ceo@example.eu", "/custodians/{address}")
            .replaceAll("/searches/\\d+", "/searches/{searchId}").replaceAll("/holds/\\d+", "/holds/{holdId}")
            .replaceAll("/policies/\\d+", "/policies/{id}").replaceAll("/purges/\\d+", "/purges/{id}")
            .replaceAll("/exports/\\d+", "/exports/{exportId}").replaceAll("\\{exportId}/manifest.json",
                "{exportId}/{part}"))
        .forEach(path -> assertThat(paths.has(path)).as(path).isTrue());
    assertThat(paths.path("/api/archive/purges/{id}/approve").path("post").path("responses").has("409")).isTrue();
  }

  @Test
  void casesAnswerTheirShapeAndChangesAreAudited() throws Exception {
    HttpResponse<String> created = send(new Call("POST", "/api/archive/cases",
        "{\"name\":\"Acme v. Example\",\"description\":\"supply contract\"}", 0, 0), "lea");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = JSON.readTree(created.body());
    long id = body.path("id").asLong();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/archive/cases/" + id);
    assertThat(body.path("status").asText()).isEqualTo("open");
    assertThat(body.path("members").get(0).asText()).isEqualTo("lea");
    assertThat(body.path("createdAt").asText()).isEqualTo("2025-03-01T09:00:00Z");
    JsonNode closed = JSON.readTree(send(new Call("PUT", "/api/archive/cases/" + id, "{\"status\":\"closed\"}", 0, 0),
        "lea").body());
    assertThat(closed.path("status").asText()).isEqualTo("closed");
    assertThat(closed.path("description").asText()).isEqualTo("supply contract");
    HttpResponse<String> hold = send(new Call("POST", "/api/archive/cases/" + id + "/holds",
        "{\"kind\":\"query\",\"query\":\"x\"}", 0, 0), "lea");
    assertThat(hold.statusCode()).as("a hold on a closed case").isEqualTo(409);
    assertThat(legal.recorded).anySatisfy(r -> assertThat(r).startsWith("lea case.create case:" + id));
  }

  @Test
  void refusalsAreRecordedAndAnsweredWithoutLeakingExistence() throws Exception {
    HttpResponse<String> other = send(new Call("GET", "/api/archive/cases/2", null, 0, 0), "lea");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(other.body()).path("error").asText()).contains("not a member");
    assertThat(send(new Call("GET", "/api/archive/cases/999", null, 0, 0), "lea").statusCode()).isEqualTo(403);
    assertThat(send(new Call("GET", "/api/archive/cases/999", null, 0, 0), "mara").statusCode()).isEqualTo(404);
    assertThat(send(new Call("POST", "/api/archive/holds/999/release", "{\"reason\":\"x\"}", 0, 0), "mara")
        .statusCode()).isEqualTo(404);
    assertThat(legal.recorded).anySatisfy(r -> assertThat(r).startsWith("lea access.denied case:2"));
  }

  @Test
  void badRequestsAre400() throws Exception {
    for (Call call : List.of(
        new Call("POST", "/api/archive/cases", "", 0, 0),
        new Call("POST", "/api/archive/cases", "{\"name\":\"x\",\"unknown\":1}", 0, 0),
        new Call("POST", "/api/archive/cases", "{\"name\":\" \"}", 0, 0),
        new Call("GET", "/api/archive/cases/abc", null, 0, 0),
        new Call("PUT", "/api/archive/cases/1", "{\"status\":\"archived\"}", 0, 0),
        new Call("POST", "/api/archive/cases/1/custodians", "{\"address\":\"nobody\"}", 0, 0),
        new Call("POST", "/api/archive/cases/1/holds", "{\"kind\":\"everything\"}", 0, 0),
        new Call("POST", "/api/archive/cases/1/holds", "{\"kind\":\"custodian\",\"address\":\"a@b.eu\","
            + "\"from\":\"yesterday\"}", 0, 0),
        new Call("POST", "/api/archive/cases/1/exports", "{\"format\":\"tar\",\"queries\":[\"x\"]}", 0, 0),
        new Call("POST", "/api/archive/cases/1/exports", "{\"format\":\"zip\"}", 0, 0))) {
      assertThat(send(call, "lea").statusCode()).as(call + " " + call.body()).isEqualTo(400);
    }
    for (Call call : List.of(
        new Call("POST", "/api/archive/retention/policies", "{\"scope\":\"planet\",\"target\":\"x\",\"keep\":\"P1Y\"}",
            0, 0),
        new Call("POST", "/api/archive/retention/policies", "{\"scope\":\"domain\",\"target\":\"example.eu\","
            + "\"keep\":\"forever\"}", 0, 0),
        new Call("POST", "/api/archive/purges", "{}", 0, 0),
        new Call("GET", "/api/archive/audit?from=last-week", null, 0, 0),
        new Call("GET", "/api/archive/audit?size=501", null, 0, 0),
        new Call("GET", "/api/archive/audit?from=2025-02-01&until=2025-01-01", null, 0, 0),
        new Call("GET", "/api/archive/audit/export?format=xml", null, 0, 0))) {
      assertThat(send(call, "mara").statusCode()).as(call + " " + call.body()).isEqualTo(400);
    }
  }

  @Test
  void auditListAndExport() throws Exception {
    JsonNode page = JSON.readTree(send(new Call("GET", "/api/archive/audit?actor=lea&action=case.&page=1&size=10",
        null, 0, 0), "mara").body());
    assertThat(page.path("total").asLong()).isEqualTo(1);
    assertThat(page.path("size").asInt()).isEqualTo(10);
    assertThat(page.path("entries").get(0).path("action").asText()).isEqualTo("case.create");
    assertThat(legal.recorded).anySatisfy(r -> assertThat(r).contains("audit.view").contains("actor=lea action=case."));
    HttpResponse<String> csv = send(new Call("GET", "/api/archive/audit/export", null, 0, 0), "mara");
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("audit-log.csv");
    assertThat(csv.body()).startsWith("seq,at,actor\n");
    JsonNode verify = JSON.readTree(send(new Call("GET", "/api/archive/audit/verify", null, 0, 0), "mara").body());
    assertThat(verify.path("clean").asBoolean()).isTrue();
    assertThat(verify.path("firstBreak").isNull()).isTrue();
  }

  @Test
  void publicKeyIsPem() throws Exception {
    HttpResponse<String> key = send(new Call("GET", "/api/archive/exports/public-key", null, 0, 0), "lea");
    assertThat(key.body()).startsWith("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void downloadsResumeWithRanges() throws Exception {
    byte[] all = Files.readAllBytes(file);
    HttpResponse<byte[]> whole = range(null, null);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(all);
    assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(whole.headers().firstValue("ETag")).hasValue("\"abc\"");
    assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
    HttpResponse<byte[]> tail = range("bytes=4000-", "\"abc\"");
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.headers().firstValue("Content-Range")).hasValue("bytes 4000-9999/10000");
    assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(all, 4000, 10_000));
    HttpResponse<byte[]> middle = range("bytes=10-19", null);
    assertThat(middle.body()).isEqualTo(java.util.Arrays.copyOfRange(all, 10, 20));
    HttpResponse<byte[]> suffix = range("bytes=-100", null);
    assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 9900-9999/10000");
    assertThat(range("bytes=20000-", null).statusCode()).isEqualTo(416);
    assertThat(range("bytes=4000-", "\"changed\"").statusCode()).as("If-Range of another file: all").isEqualTo(200);
    assertThat(range("bytes=1-2,5-6", null).statusCode()).as("several ranges: all").isEqualTo(200);
  }

  @Test
  void rangeHeadersParse() {
    assertThat(FileDownload.span(null, 100)).isEmpty();
    assertThat(FileDownload.span("bytes=0-", 100)).contains(new FileDownload.Span(0, 99));
    assertThat(FileDownload.span("bytes=90-200", 100)).contains(new FileDownload.Span(90, 99));
    assertThat(FileDownload.span("bytes=-0", 100)).isNull();
    assertThat(FileDownload.span("bytes=100-", 100)).isNull();
    assertThat(FileDownload.span("bytes=5-1", 100)).isEmpty();
    assertThat(FileDownload.span("items=1-2", 100)).isEmpty();
    assertThat(FileDownload.span("bytes=99999999999999999999-", 100)).isEmpty();
  }

  @Test
  void archiveRefusalsMapToStatuses() {
    assertThat(ArchiveFailures.answer(new AccessDeniedException("a", "t", "r")).orElseThrow().status()).isEqualTo(403);
    assertThat(ArchiveFailures.answer(new CaseNotFoundException(1)).orElseThrow().status()).isEqualTo(404);
    assertThat(ArchiveFailures.answer(new HoldNotFoundException(1)).orElseThrow().status()).isEqualTo(404);
    assertThat(ArchiveFailures.answer(new FourEyesException(1, "mara")).orElseThrow().status()).isEqualTo(409);
    assertThat(ArchiveFailures.answer(new QuerySyntaxException("bad", 2)).orElseThrow().status()).isEqualTo(400);
    assertThat(ArchiveFailures.answer(new IllegalArgumentException("x")).orElseThrow().status()).isEqualTo(400);
    assertThat(ArchiveFailures.answer(new IllegalStateException("x")).orElseThrow().status()).isEqualTo(409);
    assertThat(ArchiveFailures.answer(new AuditFailedException("down", null)).orElseThrow().status()).isEqualTo(503);
    assertThat(ArchiveFailures.answer(new NullPointerException())).isEmpty();
  }

  private HttpResponse<byte[]> range(String range, String ifRange) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/test/file"))
        .header("Accept-Encoding", "gzip");
    if (range != null) {
      request.header("Range", range);
    }
    if (ifRange != null) {
      request.header("If-Range", ifRange);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> send(Call call, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + call.path()))
        .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
    if (call.body() != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
