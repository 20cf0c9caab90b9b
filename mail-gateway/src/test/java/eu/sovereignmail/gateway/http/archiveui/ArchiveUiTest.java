package eu.sovereignmail.gateway.http.archiveui;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.health.Health;
import eu.sovereignmail.gateway.http.GatewayHttpServer;
import eu.sovereignmail.gateway.http.admin.BearerVerifier;
import eu.sovereignmail.gateway.http.archive.ArchiveReader;
import eu.sovereignmail.gateway.http.archive.FakeArchiveSearch;
import eu.sovereignmail.gateway.http.archive.FakeLegal;
import eu.sovereignmail.identity.auth.Principal;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The legal UI against a stand-in token endpoint (codes map to test users): sign-in with state, PKCE and the
 * browser binding, security headers, CSRF, role refusal, escaping and sanitizing on the pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveUiTest {
  private static final Map<String, Principal> TOKENS = Map.of(
      "token-lea", new Principal("lea", "lea@example.eu", Set.of("legal")),
      "token-alice", new Principal("alice", "alice@example.eu", Set.of("staff")));

  private final FakeArchiveSearch archive = new FakeArchiveSearch();
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final Map<String, String> verifiers = new ConcurrentHashMap<>();
  private Javalin keycloak;
  private GatewayHttpServer server;
  private ArchiveUi ui;
  private FakeLegal legal;

  @BeforeAll
  void start() throws Exception {
    legal = new FakeLegal(java.nio.file.Files.createTempDirectory("legal-ui-test"));
    legal.add("Matter", "lea");
    legal.add("Other", "mara");
    // The stand-in realm: the token endpoint hands out "token-<code>" when the PKCE verifier fits the challenge.
    keycloak = Javalin.create(config -> {
      config.jetty.host = "127.0.0.1";
      config.jetty.port = 0;
      config.startup.showJavalinBanner = false;
      config.routes.post("/realms/test/protocol/openid-connect/token", ctx -> {
        String code = ctx.formParam("code");
        String challenge = verifiers.get(code);
        String verifier = ctx.formParam("code_verifier");
        if (challenge == null || verifier == null || !challenge.equals(
            eu.sovereignmail.gateway.http.archiveui.internal.Secrets.challenge(verifier))) {
          ctx.status(400).json(Map.of("error", "invalid_grant"));
          return;
        }
        ctx.json(Map.of("access_token", "token-" + code, "id_token", "id-" + code));
      });
    }).start();
    URI realm = URI.create("http://127.0.0.1:" + keycloak.port() + "/realms/test");
    BearerVerifier tokens = token -> Optional.ofNullable(TOKENS.get(token));
    ui = new ArchiveUi(new ArchiveUiSettings(URI.create("http://127.0.0.1:1/archive/"), realm, realm,
        "sovereign-archive-ui", Duration.ofMinutes(30), Duration.ofHours(8)), tokens,
        new ArchiveReader(archive, id -> FakeArchiveSearch.RAW), LegalSections.all(legal.parts), Clock.systemUTC());
    server = GatewayHttpServer.start(InetAddress.getLoopbackAddress(), 0, new Health(Duration.ofSeconds(1)),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(ui));
  }

  @AfterAll
  void stop() {
    server.close();
    keycloak.stop();
    ui.close();
    legal.parts.exports().close();
  }

  @Test
  void anonymousVisitGoesToKeycloakWithPkce() throws Exception {
    HttpResponse<String> response = get("/archive/?q=budget", null);
    assertThat(response.statusCode()).isEqualTo(302);
    URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
    Map<String, String> query = query(location);
    assertThat(location.getPath()).isEqualTo("/realms/test/protocol/openid-connect/auth");
    assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "sovereign-archive-ui")
        .containsEntry("code_challenge_method", "S256").containsEntry("redirect_uri", "http://127.0.0.1:1/archive/callback");
    assertThat(query.get("state")).hasSize(43);
    assertThat(query.get("code_challenge")).hasSize(43);
    assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
        .startsWith("sm_archive_login=").contains("Path=/archive", "HttpOnly", "SameSite=Lax").doesNotContain("Secure"));
    assertStrictHeaders(response);
  }

  @Test
  void callbackWithUnknownStateOrOtherBrowserIsRefused() throws Exception {
    assertThat(get("/archive/callback?state=nope&code=lea", null).statusCode()).isEqualTo(400);
    Login login = begin("/archive/");
    verifiers.put("lea", login.challenge);
    HttpResponse<String> otherBrowser = get("/archive/callback?state=" + login.state + "&code=lea",
        "sm_archive_login=someone-else");
    assertThat(otherBrowser.statusCode()).isEqualTo(400);
  }

  @Test
  void legalUserSearchesAndReadsSafely() throws Exception {
    String session = signIn("lea", "/archive/?q=budget");
    HttpResponse<String> results = get("/archive/?q=budget&direction=inbound&after=2025-01-01&before=2025-01-31", session);
    assertThat(results.statusCode()).isEqualTo(200);
    assertStrictHeaders(results);
    Document page = Jsoup.parse(results.body());
    assertThat(page.select("script")).isEmpty();
    assertThat(page.select("a.subject").text()).isEqualTo("Budget <script>alert(1)</script>");
    assertThat(page.select(".snippet").html()).isEqualTo("the <em>budget</em> &lt;script&gt; bold");
    assertThat(page.select(".query-echo code").text())
        .isEqualTo("budget after:2025-01-01 before:2025-02-01 direction:inbound");
    assertThat(archive.actors.getLast().name()).isEqualTo("lea");

    Document message = Jsoup.parse(get("/archive/messages/1", session).body());
    assertThat(message.select("script, img, iframe, a[href^=javascript]")).isEmpty();
    assertThat(message.select("[onerror], [onclick]")).isEmpty();
    assertThat(message.select("h1").text()).isEqualTo("Budget <script>alert(1)</script>");
    assertThat(message.select(".html-body").text()).contains("Hello Lea", "doc [https://example.org/doc]");
    assertThat(message.select("section.attachments a").attr("href")).isEqualTo("/archive/messages/1/attachments/2");
    assertThat(message.select("section.envelope td").eachText()).contains("lea@example.eu", "inbound");

    HttpResponse<String> download = get("/archive/messages/1/attachments/2", session);
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
    assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/octet-stream");
  }

  @Test
  void badQueryShowsWhereTheProblemIs() throws Exception {
    String session = signIn("lea", "/archive/");
    HttpResponse<String> response = get("/archive/?q=a%20((b", session);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Jsoup.parse(response.body()).select(".problem pre").text()).contains("a ((b").contains("^");
  }

  @Test
  void staffGetsAccessDenied() throws Exception {
    String session = signIn("alice", "/archive/");
    HttpResponse<String> response = get("/archive/", session);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Jsoup.parse(response.body()).select("h1").text()).isEqualTo("Access denied");
    assertThat(get("/archive/messages/1", session).statusCode()).isEqualTo(403);
  }

  @Test
  void logoutNeedsTheCsrfTokenAndEndsTheKeycloakSession() throws Exception {
    String session = signIn("lea", "/archive/");
    Document page = Jsoup.parse(get("/archive/", session).body());
    String csrf = page.select("form[action=/archive/logout] input[name=csrf]").val();
    assertThat(csrf).hasSize(43);
    assertThat(post("/archive/logout", session, "csrf=wrong").statusCode()).isEqualTo(403);
    assertThat(get("/archive/", session).statusCode()).isEqualTo(200);
    HttpResponse<String> out = post("/archive/logout", session, "csrf=" + csrf);
    assertThat(out.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(out.body()).select("meta[http-equiv=refresh]").attr("content"))
        .contains("/realms/test/protocol/openid-connect/logout?").contains("id_token_hint=id-lea")
        .contains("post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Farchive%2Fsigned-out");
    assertThat(get("/archive/", session).statusCode()).isEqualTo(302);
  }

  @Test
  void revokedUsersLoseTheirSessions() throws Exception {
    String session = signIn("lea", "/archive/");
    ui.revoke("LEA");
    assertThat(get("/archive/", session).statusCode()).isEqualTo(302);
  }

  @Test
  void legalUserWorksOnTheirCaseWithCsrfProtectedForms() throws Exception {
    String session = signIn("lea", "/archive/cases");
    HttpResponse<String> list = get("/archive/cases", session);
    assertThat(list.statusCode()).isEqualTo(200);
    assertStrictHeaders(list);
    Document page = Jsoup.parse(list.body());
    assertThat(page.select("header nav a").eachText()).containsExactly("Search", "Cases");
    assertThat(page.select("table a").eachText()).containsExactly("Matter");
    String csrf = page.select("form[action=/archive/cases] input[name=csrf]").val();
    assertThat(csrf).hasSize(43);

    assertThat(post("/archive/cases", session, "name=Forged").statusCode()).isEqualTo(403);
    HttpResponse<String> created = post("/archive/cases", session, "csrf=" + csrf
        + "&name=Acme+%3Cscript%3Ealert(1)%3C%2Fscript%3E&description=supply");
    assertThat(created.statusCode()).isEqualTo(303);
    String path = created.headers().firstValue("Location").orElseThrow();
    assertThat(path).matches("/archive/cases/\\d+");
    assertThat(post(path + "/custodians", session, "csrf=" + csrf + "&address=ceo%40example.eu").headers()
        .firstValue("Location")).hasValue(path + "#custodians");
    assertThat(post(path + "/holds", session, "csrf=" + csrf + "&kind=custodian&address=ceo%40example.eu&from="
        + "2025-01-01&to=").statusCode()).isEqualTo(303);
    assertThat(post(path + "/searches", session, "csrf=" + csrf + "&name=Budget&query=subject%3Abudget")
        .statusCode()).isEqualTo(303);
    assertThat(post(path + "/notes", session, "csrf=" + csrf + "&text=Counsel+called").statusCode()).isEqualTo(303);

    // The case page itself also lists the case's exports, which needs the archive's database: LegalUiBrowserIT.
    Document after = Jsoup.parse(get("/archive/cases", session).body());
    assertThat(after.select("table a").eachText()).contains("Acme <script>alert(1)</script>");
    assertThat(after.select("script")).isEmpty();
    long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    var stored = legal.cases.get(id);
    assertThat(stored.custodians()).containsExactly("ceo@example.eu");
    assertThat(stored.savedSearches()).singleElement().satisfies(q -> assertThat(q.query()).isEqualTo("subject:budget"));
    assertThat(stored.notes()).singleElement().satisfies(n -> assertThat(n.text()).isEqualTo("Counsel called"));
    assertThat(legal.parts.holds().list(new eu.sovereignmail.archive.search.Actor("lea", Set.of("legal")), id))
        .singleElement().satisfies(h -> assertThat(h.from()).hasToString("2025-01-01"));
  }

  @Test
  void legalUserIsRefusedOtherCasesApprovalsAndAudit() throws Exception {
    String session = signIn("lea", "/archive/cases");
    HttpResponse<String> other = get("/archive/cases/2", session);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(Jsoup.parse(other.body()).select("h1").text()).isEqualTo("Access denied");
    assertThat(get("/archive/approvals", session).statusCode()).isEqualTo(403);
    assertThat(get("/archive/audit", session).statusCode()).isEqualTo(403);
    String csrf = Jsoup.parse(get("/archive/cases", session).body()).select("input[name=csrf]").first().val();
    assertThat(post("/archive/approvals/1/approve", session, "csrf=" + csrf).statusCode()).isEqualTo(403);
    assertThat(post("/archive/cases/2/notes", session, "csrf=" + csrf + "&text=x").statusCode()).isEqualTo(403);
    assertThat(legal.recorded).anySatisfy(r -> assertThat(r).startsWith("lea access.denied case:2"));
  }

  @Test
  void progressScriptIsServedAndAllowedByThePolicy() throws Exception {
    HttpResponse<String> script = get("/archive/static/export-progress.js", null);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    assertThat(script.body()).contains("data-export-progress");
    assertThat(ArchiveUi.CONTENT_SECURITY_POLICY).contains("script-src 'self'").doesNotContain("unsafe");
  }

  @Test
  void returnPathsStayInTheUi() {
    assertThat(ArchiveUi.safeReturn("/archive/messages/1")).isEqualTo("/archive/messages/1");
    assertThat(ArchiveUi.safeReturn("https://evil.example/")).isEqualTo("/archive/");
    assertThat(ArchiveUi.safeReturn("//evil.example/archive/")).isEqualTo("/archive/");
    assertThat(ArchiveUi.safeReturn("/archive/\\evil")).isEqualTo("/archive/");
  }

  private record Login(String state, String challenge, String binding) {}

  private Login begin(String path) throws Exception {
    HttpResponse<String> response = get(path, null);
    Map<String, String> query = query(URI.create(response.headers().firstValue("Location").orElseThrow()));
    String binding = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sm_archive_login="))
        .findFirst().orElseThrow().split(";")[0];
    return new Login(query.get("state"), query.get("code_challenge"), binding);
  }

  /** Signs {@code user} in through the stand-in realm; returns the session cookie. */
  private String signIn(String user, String path) throws Exception {
    Login login = begin(path);
    verifiers.put(user, login.challenge);
    HttpResponse<String> callback = get("/archive/callback?state=" + login.state + "&code=" + user, login.binding);
    assertThat(callback.statusCode()).isEqualTo(303);
    assertThat(callback.headers().firstValue("Location")).hasValue(path);
    return callback.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("sm_archive="))
        .findFirst().orElseThrow().split(";")[0];
  }

  private static void assertStrictHeaders(HttpResponse<?> response) {
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(ArchiveUi.CONTENT_SECURITY_POLICY);
    assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  private static Map<String, String> query(URI uri) {
    return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
        .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String cookie, String form) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
