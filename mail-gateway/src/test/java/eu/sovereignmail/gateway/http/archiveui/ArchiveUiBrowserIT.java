package eu.sovereignmail.gateway.http.archiveui;

import static eu.sovereignmail.identity.keycloak.KeycloakFixture.GATEWAY;
import static eu.sovereignmail.identity.keycloak.KeycloakFixture.REALM;
import static eu.sovereignmail.identity.keycloak.KeycloakFixture.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import eu.sovereignmail.gateway.app.Gateway;
import eu.sovereignmail.gateway.smtp.session.ListenerKind;
import eu.sovereignmail.gateway.testing.Backends;
import eu.sovereignmail.gateway.testing.Chromium;
import eu.sovereignmail.gateway.testing.GatewayConfigs;
import eu.sovereignmail.gateway.testing.RawSmtpClient;
import eu.sovereignmail.identity.keycloak.KeycloakFixture;
import eu.sovereignmail.stack.process.Ports;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The legal UI and the archive API with everything real: Keycloak with the shipped realm, James, MariaDB, the
 * gateway journaling mail it received over SMTP, and Debian's headless Chromium. lea (legal, a member of a case on
 * the sender) signs in on Keycloak's page, searches and opens a message; a message carrying script injections renders inert and loads nothing; alice (staff)
 * is refused; the API's role matrix with real tokens, on every endpoint of the legal workflows too. lea opens a case
 * with a custodian hold, exports it and the manifest's hashes and signature are checked against the archive; mara
 * proposes a purge she cannot approve, nils approves it; the audit log shows it and verifies. Screenshots of the main
 * pages go to {@code docs/img/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchiveUiBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOMAIN = "legalui.test";
  private static final Path SCREENSHOTS = Path.of("..", "docs", "img");
  private static final String UI_CLIENT = "sovereign-archive-ui";

  private final String gatewaySecret = secret();
  private final Map<String, String> passwords = Map.of("lea", secret(), "mara", secret(), "alice", secret(),
      "nils", secret());
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final AtomicInteger trapRequests = new AtomicInteger();
  private Backends backends;
  private KeycloakFixture keycloak;
  private Gateway gateway;
  private HttpServer trap;
  private String base;

  @BeforeAll
  void start() throws Exception {
    Chromium.require();
    backends = Backends.get();
    keycloak = backends.keycloak();
    backends.users(DOMAIN, "lea", "mara", "alice");
    keycloak.admin().setClientSecret(REALM, GATEWAY, gatewaySecret);
    keycloak.admin().ensureUser(REALM, "lea", "lea@" + DOMAIN, "Lea", "Legal", passwords.get("lea"), Set.of("legal"));
    keycloak.admin().ensureUser(REALM, "mara", "mara@" + DOMAIN, "Mara", "Admin", passwords.get("mara"),
        Set.of("legal-admin"));
    keycloak.admin().ensureUser(REALM, "alice", "alice@" + DOMAIN, "Alice", "Staff", passwords.get("alice"),
        Set.of("staff"));
    keycloak.admin().ensureUser(REALM, "nils", "nils@" + DOMAIN, "Nils", "Second", passwords.get("nils"),
        Set.of("legal-admin"));

    // Anything the rendered mail would load lands here: the test expects none.
    trap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    trap.createContext("/", exchange -> {
      trapRequests.incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    trap.start();

    int httpPort = Ports.freeLoopbackPort();
    base = "http://127.0.0.1:" + httpPort;
    allowRedirects(base + "/archive/");
    Path data = backends.newDirectory("legal-ui");
    String yaml = GatewayConfigs.yaml(backends, data, "mx." + DOMAIN, "legalui_it", Ports.freeLoopbackPort(), """
        identity:
          issuer: %s
          client-id: %s
          client-secret: %s
        """.formatted(keycloak.settings().issuer(), GATEWAY, gatewaySecret))
        .replaceFirst("http:\n  port: \\d+\n", "http:\n  port: " + httpPort + "\n  archive-ui:\n    public-url: "
            + base + "/archive/\n");
    gateway = Gateway.start(GatewayConfigs.parse(yaml));

    send("Quarterly budget review", "text/plain", "Please review the quarterly budget before Friday.\r\n");
    send("Budget <script>alert('subject')</script><img src=x onerror=alert('subject-img')>", "text/html", """
        <p>Agenda for the <b>budget</b> meeting</p><script>alert('body')</script>\r
        <img src="http://127.0.0.1:%1$d/pixel.png" onerror="alert('img')">\r
        <a href="javascript:alert('link')">click me</a> <a href="http://127.0.0.1:%1$d/tracker">tracked link</a>\r
        <iframe src="http://127.0.0.1:%1$d/frame"></iframe>\r
        <div style="background:url(http://127.0.0.1:%1$d/bg.png)">styled</div>\r
        """.formatted(trap.getAddress().getPort()));
    send("alice@" + DOMAIN, "Obsolete newsletter", "text/plain", "Our spring offers.\r\n");
    // lea is a legal user: she searches and reads the mail of her open cases' custodians. mara gives her a standing
    // case on the partner every message above comes from.
    String mara = token("mara");
    String standing = id(call("POST", "/api/archive/cases", "{\"name\":\"Standing review\"}", mara, 201));
    call("POST", "/api/archive/cases/" + standing + "/members", "{\"username\":\"lea\"}", mara, 200);
    call("POST", "/api/archive/cases/" + standing + "/custodians", "{\"address\":\"partner@outside.example\"}", mara,
        200);
    String lea = token("lea");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
        JSON.readTree(api("/api/archive/search?q=budget", lea).body()).path("total").asLong() >= 2
            && JSON.readTree(api("/api/archive/search?q=newsletter", lea).body()).path("total").asLong() >= 1);
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (trap != null) {
      trap.stop(0);
    }
  }

  @Test
  @Order(1)
  void apiRoleMatrixWithRealTokens() throws Exception {
    long id = JSON.readTree(api("/api/archive/search?q=quarterly", token("lea")).body()).path("hits").get(0).path("id")
        .asLong();
    String wrongAudience = keycloak.admin().passwordGrant(REALM, "admin-cli", null, "lea", passwords.get("lea"))
        .accessToken();
    Map<String, String> tokens = Map.of("lea", token("lea"), "mara", token("mara"), "alice", token("alice"));
    for (String path : List.of("/api/archive/search?q=budget", "/api/archive/messages/" + id,
        "/api/archive/messages/" + id + "/raw", "/api/archive/messages/" + id + "/attachments/1")) {
      assertThat(api(path, null).statusCode()).as("no token " + path).isEqualTo(401);
      assertThat(api(path, wrongAudience).statusCode()).as("wrong audience " + path).isEqualTo(401);
      assertThat(api(path, tokens.get("alice")).statusCode()).as("staff " + path).isEqualTo(403);
      assertThat(api(path, tokens.get("lea")).statusCode()).as("legal " + path).isEqualTo(200);
      assertThat(api(path, tokens.get("mara")).statusCode()).as("legal-admin " + path).isEqualTo(200);
    }
    assertThat(api("/api/archive/search?q=%28budget", tokens.get("lea")).statusCode()).isEqualTo(400);
  }

  @Test
  @Order(2)
  void leaSignsInSearchesAndOpensAMessage() throws Exception {
    ChromeDriver browser = Chromium.start(backends.newDirectory("chromium-lea"));
    try {
      browser.get(base + "/archive/");
      waitFor(browser, By.id("username"));
      assertThat(browser.getCurrentUrl()).startsWith(keycloak.settings().issuer() + "/protocol/openid-connect/auth");
      screenshot(browser, "legal-ui-login.png");
      signIn(browser, "lea");
      waitFor(browser, By.id("q"));
      browser.findElement(By.id("q")).sendKeys("budget");
      browser.findElement(By.cssSelector("form.search button[type=submit]")).click();
      waitFor(browser, By.cssSelector("ol.hits"));
      assertThat(browser.findElement(By.id("results-title")).getText()).isEqualTo("2 messages");
      assertThat(browser.findElements(By.cssSelector(".snippet em"))).isNotEmpty();
      screenshot(browser, "legal-ui-search.png");
      browser.findElement(By.linkText("Quarterly budget review")).click();
      waitFor(browser, By.cssSelector("h1.message-subject"));
      assertThat(browser.findElement(By.cssSelector("h1.message-subject")).getText()).isEqualTo("Quarterly budget review");
      assertThat(browser.findElement(By.cssSelector("pre.text-body")).getText()).contains("quarterly budget");
      assertThat(browser.findElement(By.cssSelector("section.envelope")).getText()).contains("lea@" + DOMAIN);
      screenshot(browser, "legal-ui-message.png");

      browser.findElement(By.cssSelector("form[action='/archive/logout'] button")).click();
      new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/archive/signed-out"));
      browser.get(base + "/archive/");
      waitFor(browser, By.id("username"));
    } finally {
      browser.quit();
    }
  }

  @Test
  @Order(3)
  void injectedMessageRendersInertAndLoadsNothing() throws Exception {
    ChromeDriver browser = Chromium.start(backends.newDirectory("chromium-inject"));
    try {
      browser.get(base + "/archive/?q=agenda");
      waitFor(browser, By.id("username"));
      signIn(browser, "lea");
      waitFor(browser, By.cssSelector("ol.hits"));
      assertNoScriptRan(browser);
      browser.findElement(By.cssSelector("a.subject")).click();
      waitFor(browser, By.cssSelector("h1.message-subject"));
      assertThat(browser.findElement(By.cssSelector("h1.message-subject")).getText())
          .isEqualTo("Budget <script>alert('subject')</script><img src=x onerror=alert('subject-img')>");
      assertThat(browser.findElement(By.cssSelector(".html-body")).getText()).contains("Agenda for the budget meeting",
          "click me", "tracked link [http://127.0.0.1:" + trap.getAddress().getPort() + "/tracker]");
      assertNoScriptRan(browser);
      assertThat(browser.findElements(By.tagName("script"))).isEmpty();
      assertThat(browser.findElements(By.cssSelector("img, iframe, [onerror], [style], a[href^='javascript']")))
          .isEmpty();
      Object resources = ((JavascriptExecutor) browser).executeScript(
          "return performance.getEntriesByType('resource').map(e => e.name)");
      assertThat((List<?>) resources).allSatisfy(name -> assertThat(name.toString()).startsWith(base + "/archive/"));
      assertThat(trapRequests.get()).isZero();
      screenshot(browser, "legal-ui-message-sanitized.png");
    } finally {
      browser.quit();
    }
  }

  @Test
  @Order(4)
  void staffIsRefused() throws Exception {
    ChromeDriver browser = Chromium.start(backends.newDirectory("chromium-alice"));
    try {
      browser.get(base + "/archive/");
      waitFor(browser, By.id("username"));
      signIn(browser, "alice");
      waitFor(browser, By.tagName("h1"));
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Access denied");
      assertThat(browser.findElements(By.id("q"))).isEmpty();
      HttpResponse<String> direct = http.send(HttpRequest.newBuilder(URI.create(base + "/archive/messages/1"))
          .header("Cookie", "sm_archive=" + browser.manage().getCookieNamed("sm_archive").getValue()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(direct.statusCode()).isEqualTo(403);
    } finally {
      browser.quit();
    }
  }

  /** One legal endpoint: path and body may name {A} (lea's case), {B} (mara's), {H}, {P}, {R}, {E} and {user}. */
  private record Call(String method, String path, String body, int lea, int mara) {}

  @Test
  @Order(5)
  void legalApiRoleMatrixWithRealTokens() throws Exception {
    Map<String, String> tokens = Map.of("lea", token("lea"), "mara", token("mara"), "alice", token("alice"));
    String wrongAudience = keycloak.admin().passwordGrant(REALM, "admin-cli", null, "lea", passwords.get("lea"))
        .accessToken();
    long newsletter = firstHit("subject:newsletter");
    Map<String, String> ids = new java.util.HashMap<>();
    ids.put("A", id(call("POST", "/api/archive/cases", "{\"name\":\"Matrix A\"}", tokens.get("lea"), 201)));
    ids.put("B", id(call("POST", "/api/archive/cases", "{\"name\":\"Matrix B\"}", tokens.get("mara"), 201)));
    ids.put("H", id(call("POST", "/api/archive/cases/" + ids.get("B") + "/holds",
        "{\"kind\":\"query\",\"query\":\"subject:matrixnothing\"}", tokens.get("mara"), 201)));
    ids.put("P", id(call("POST", "/api/archive/retention/policies",
        "{\"scope\":\"domain\",\"target\":\"matrix.legalui.test\",\"keep\":\"P1Y\"}", tokens.get("mara"), 200)));
    ids.put("R", id(call("POST", "/api/archive/purges", "{\"ids\":[" + newsletter + "],\"reason\":\"matrix\"}",
        tokens.get("mara"), 201)));
    ids.put("E", id(call("POST", "/api/archive/cases/" + ids.get("A") + "/exports",
        "{\"format\":\"zip\",\"queries\":[\"subject:quarterly\"]}", tokens.get("lea"), 202)));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> JSON.readTree(
        api("/api/archive/exports/" + ids.get("E"), tokens.get("lea")).body()).path("status").asText().equals("done"));

    List<Call> calls = List.of(
        new Call("GET", "/api/archive/cases", null, 200, 200),
        new Call("POST", "/api/archive/cases", "{\"name\":\"Matrix {user}\"}", 201, 201),
        new Call("GET", "/api/archive/cases/{A}", null, 200, 200),
        new Call("GET", "/api/archive/cases/{B}", null, 403, 200),
        new Call("PUT", "/api/archive/cases/{A}", "{\"description\":\"role matrix\"}", 200, 200),
        new Call("PUT", "/api/archive/cases/{B}", "{\"description\":\"role matrix\"}", 403, 200),
        new Call("POST", "/api/archive/cases/{A}/members", "{\"username\":\"tom-{user}\"}", 200, 200),
        new Call("DELETE", "/api/archive/cases/{A}/members/tom-{user}", null, 200, 200),
        new Call("POST", "/api/archive/cases/{A}/custodians", "{\"address\":\"t-{user}@" + DOMAIN + "\"}", 200, 200),
        new Call("DELETE", "/api/archive/cases/{A}/custodians/t-{user}@" + DOMAIN, null, 200, 200),
        new Call("POST", "/api/archive/cases/{A}/searches", "{\"name\":\"q-{user}\",\"query\":\"budget\"}", 200, 200),
        new Call("DELETE", "/api/archive/cases/{A}/searches/999999", null, 400, 400),
        new Call("POST", "/api/archive/cases/{A}/notes", "{\"text\":\"matrix\"}", 200, 200),
        new Call("POST", "/api/archive/cases/{B}/notes", "{\"text\":\"matrix\"}", 403, 200),
        new Call("GET", "/api/archive/cases/{A}/holds", null, 200, 200),
        new Call("GET", "/api/archive/cases/{B}/holds", null, 403, 200),
        new Call("POST", "/api/archive/cases/{A}/holds", "{\"kind\":\"query\",\"query\":\"subject:matrixnothing\"}",
            201, 201),
        new Call("POST", "/api/archive/holds/{H}/release", "{\"reason\":\"matrix\"}", 403, 200),
        new Call("GET", "/api/archive/retention/policies", null, 403, 200),
        new Call("POST", "/api/archive/retention/policies",
            "{\"scope\":\"mailbox\",\"target\":\"m@matrix.legalui.test\",\"keep\":\"P2Y\"}", 403, 200),
        new Call("GET", "/api/archive/retention/due", null, 403, 200),
        new Call("GET", "/api/archive/purges", null, 403, 200),
        new Call("POST", "/api/archive/purges", "{\"policyId\":{P}}", 403, 400),
        new Call("GET", "/api/archive/purges/{R}", null, 403, 200),
        new Call("POST", "/api/archive/purges/{R}/approve", null, 403, 409),
        new Call("POST", "/api/archive/purges/{R}/reject", "{\"note\":\"matrix\"}", 403, 200),
        new Call("DELETE", "/api/archive/retention/policies/{P}", null, 403, 204),
        new Call("GET", "/api/archive/cases/{A}/exports", null, 200, 200),
        new Call("GET", "/api/archive/cases/{B}/exports", null, 403, 200),
        new Call("POST", "/api/archive/cases/{A}/exports", "{\"format\":\"mbox\",\"queries\":[\"subject:quarterly\"]}",
            202, 202),
        new Call("POST", "/api/archive/cases/{B}/exports", "{\"format\":\"zip\",\"ids\":[" + newsletter + "]}", 403,
            202),
        new Call("GET", "/api/archive/exports/public-key", null, 200, 200),
        new Call("GET", "/api/archive/exports/{E}", null, 200, 200),
        new Call("GET", "/api/archive/exports/{E}/download", null, 200, 200),
        new Call("GET", "/api/archive/exports/{E}/manifest.json", null, 200, 200),
        new Call("GET", "/api/archive/audit", null, 403, 200),
        new Call("GET", "/api/archive/audit/export?format=json", null, 403, 200),
        new Call("GET", "/api/archive/audit/verify", null, 403, 200));
    for (Call c : calls) {
      String label = c.method() + " " + c.path();
      assertThat(call(c, ids, "none", null).statusCode()).as("no token " + label).isEqualTo(401);
      assertThat(call(c, ids, "lea", wrongAudience).statusCode()).as("wrong audience " + label).isEqualTo(401);
      assertThat(call(c, ids, "alice", tokens.get("alice")).statusCode()).as("staff " + label).isEqualTo(403);
      HttpResponse<String> lea = call(c, ids, "lea", tokens.get("lea"));
      assertThat(lea.statusCode()).as("legal " + label + " " + lea.body()).isEqualTo(c.lea());
      HttpResponse<String> mara = call(c, ids, "mara", tokens.get("mara"));
      assertThat(mara.statusCode()).as("legal-admin " + label + " " + mara.body()).isEqualTo(c.mara());
    }
    assertThat(JSON.readTree(call("POST", "/api/archive/purges/" + ids.get("R") + "/approve", null, tokens.get("mara"),
        409).body()).path("error").asText()).contains("another legal-admin must approve it");
  }

  @Test
  @Order(6)
  void leaOpensACaseWithAHoldExportsItAndTheManifestMatchesTheArchive() throws Exception {
    ChromeDriver browser = Chromium.start(backends.newDirectory("chromium-case"));
    try {
      browser.get(base + "/archive/cases");
      waitFor(browser, By.id("username"));
      signIn(browser, "lea");
      waitFor(browser, By.id("name"));
      browser.findElement(By.id("name")).sendKeys("Acme v. Example");
      browser.findElement(By.id("description")).sendKeys("Supply contract dispute, 2025.");
      browser.findElement(By.cssSelector("form[action='/archive/cases'] button")).click();
      waitFor(browser, By.cssSelector("h1.case-name"));
      String casePath = URI.create(browser.getCurrentUrl()).getPath();
      browser.findElement(By.id("custodian-address")).sendKeys("lea@" + DOMAIN);
      browser.findElement(By.cssSelector("#custodians form.row button")).click();
      waitFor(browser, By.cssSelector("#custodians .address"));
      ((JavascriptExecutor) browser).executeScript("arguments[0].value = '2025-01-01'",
          browser.findElement(By.cssSelector("#hold-custodian input[name=from]")));
      browser.findElement(By.cssSelector("#hold-custodian button")).click();
      waitFor(browser, By.cssSelector("#holds tr.hold-active"));
      assertThat(browser.findElement(By.cssSelector("#holds tr.hold-active")).getText()).contains("lea@" + DOMAIN,
          "2025-01-01");
      browser.findElement(By.id("search-name")).sendKeys("Budget mail");
      browser.findElement(By.id("search-query")).sendKeys("budget");
      browser.findElement(By.cssSelector("#searches form.row button")).click();
      waitFor(browser, By.cssSelector("#searches a.button"));
      browser.findElement(By.cssSelector("#notes textarea")).sendKeys("Hold confirmed with counsel.");
      browser.findElement(By.cssSelector("#notes button")).click();
      waitFor(browser, By.cssSelector("#notes .note-text"));
      assertThat(browser.findElement(By.cssSelector("#start-export textarea")).getAttribute("value"))
          .isEqualTo("budget\nparticipant:lea@" + DOMAIN);
      browser.findElement(By.cssSelector("#start-export button")).click();
      new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.presenceOfElementLocated(
          By.cssSelector("tr.export[data-status=done] a.download")));
      assertThat(browser.getCurrentUrl()).contains(casePath);
      screenshot(browser, "legal-ui-case-exports.png");
      browser.get(base + casePath);
      waitFor(browser, By.cssSelector("h1.case-name"));
      screenshot(browser, "legal-ui-case.png");

      // Saved search: run it = the search page with its query.
      String run = browser.findElement(By.cssSelector("#searches a.button")).getAttribute("href");
      assertThat(run).endsWith("/archive/?q=budget");

      // Download through the browser's session, whole and resumed, and check it against the archive.
      String cookie = "sm_archive=" + browser.manage().getCookieNamed("sm_archive").getValue();
      String download = browser.findElement(By.cssSelector("tr.export[data-status=done] a.download"))
          .getAttribute("href");
      HttpResponse<byte[]> zip = http.send(HttpRequest.newBuilder(URI.create(download)).header("Cookie", cookie)
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(zip.statusCode()).isEqualTo(200);
      assertThat(zip.headers().firstValue("Accept-Ranges")).hasValue("bytes");
      HttpResponse<byte[]> rest = http.send(HttpRequest.newBuilder(URI.create(download)).header("Cookie", cookie)
          .header("Range", "bytes=100-").header("If-Range", zip.headers().firstValue("ETag").orElseThrow()).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(rest.statusCode()).isEqualTo(206);
      assertThat(rest.body()).isEqualTo(java.util.Arrays.copyOfRange(zip.body(), 100, zip.body().length));
      checkExport(zip.body());
    } finally {
      browser.quit();
    }
  }

  /** Every manifest hash matches the file in the ZIP and the archive's stored bytes; the signature verifies. */
  private void checkExport(byte[] zip) throws Exception {
    Map<String, byte[]> files = new java.util.HashMap<>();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName(), in.readAllBytes());
      }
    }
    JsonNode manifest = JSON.readTree(files.get("manifest.json"));
    assertThat(manifest.path("messages")).hasSize(2);
    String lea = token("lea");
    for (JsonNode message : manifest.path("messages")) {
      byte[] stored = http.send(HttpRequest.newBuilder(URI.create(base + "/api/archive/messages/"
          + message.path("archiveId").asLong() + "/raw")).header("Authorization", "Bearer " + lea).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body();
      assertThat(sha256(stored)).isEqualTo(message.path("sha256").asText());
      assertThat(sha256(files.get(message.path("file").asText()))).isEqualTo(message.path("sha256").asText());
      assertThat(message.path("recipients").toString()).contains("lea@" + DOMAIN);
    }
    String pem = api("/api/archive/exports/public-key", lea).body();
    var key = java.security.KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(
        java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
    var signature = java.security.Signature.getInstance("Ed25519");
    signature.initVerify(key);
    signature.update(files.get("manifest.json"));
    assertThat(signature.verify(files.get("manifest.json.sig"))).isTrue();
    assertThat(new String(files.get("manifest.csv"), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("archive_id,file,sha256");
  }

  @Test
  @Order(7)
  void maraProposesAPurgeSheCannotApproveAndNilsApprovesIt() throws Exception {
    long newsletter = firstHit("subject:newsletter");
    ChromeDriver mara = Chromium.start(backends.newDirectory("chromium-mara"));
    ChromeDriver nils = Chromium.start(backends.newDirectory("chromium-nils"));
    try {
      mara.get(base + "/archive/approvals");
      waitFor(mara, By.id("username"));
      signIn(mara, "mara");
      waitFor(mara, By.id("ids"));
      mara.findElement(By.id("ids")).sendKeys(Long.toString(newsletter));
      mara.findElement(By.id("reason")).sendKeys("Newsletter kept by mistake; no business record.");
      mara.findElement(By.cssSelector("#explicit button")).click();
      waitFor(mara, By.cssSelector("tr.proposal[data-status=pending]"));
      var own = mara.findElement(By.cssSelector("tr.proposal[data-status=pending]"));
      String proposal = own.getAttribute("data-proposal-id");
      assertThat(own.findElements(By.cssSelector("form.approve"))).as("no approve button for the proposer").isEmpty();
      assertThat(own.findElement(By.cssSelector(".own-proposal")).getText()).contains("another legal administrator");

      String cookie = "sm_archive=" + mara.manage().getCookieNamed("sm_archive").getValue();
      String csrf = mara.findElement(By.cssSelector("#explicit input[name=csrf]")).getAttribute("value");
      HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(base + "/archive/approvals/"
          + proposal + "/approve")).header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(forged.statusCode()).isEqualTo(409);
      assertThat(forged.body()).contains("another legal-admin must approve it");
      assertThat(JSON.readTree(api("/api/archive/messages/" + newsletter, token("lea")).body()).path("summary")
          .path("subject").asText()).isEqualTo("Obsolete newsletter");

      nils.get(base + "/archive/approvals");
      waitFor(nils, By.id("username"));
      signIn(nils, "nils");
      By row = By.cssSelector("tr.proposal[data-proposal-id='" + proposal + "']");
      waitFor(nils, row);
      assertThat(nils.findElement(row).findElements(By.cssSelector("form.approve button"))).hasSize(1);
      screenshot(nils, "legal-ui-approvals.png");
      nils.findElement(row).findElement(By.cssSelector("form.approve button")).click();
      waitFor(nils, By.cssSelector("tr.proposal[data-proposal-id='" + proposal + "'][data-status=executed]"));
      assertThat(nils.findElement(row).getText()).contains("1 purged of 1", "nils");
      assertThat(api("/api/archive/messages/" + newsletter, token("lea")).statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(api("/api/archive/search?q=newsletter", token("lea")).body()).path("total").asLong())
          .isZero();
    } finally {
      mara.quit();
      nils.quit();
    }
  }

  @Test
  @Order(8)
  void auditPageShowsThePurgeAndVerifiesTheChain() throws Exception {
    ChromeDriver browser = Chromium.start(backends.newDirectory("chromium-audit"));
    try {
      browser.get(base + "/archive/audit?action=purge.");
      waitFor(browser, By.id("username"));
      signIn(browser, "mara");
      waitFor(browser, By.id("verify-chain"));
      browser.findElement(By.id("verify-chain")).click();
      waitFor(browser, By.id("verify-result"));
      assertThat(browser.findElement(By.id("verify-result")).getText()).startsWith("Chain verified");
      List<String> actions = browser.findElements(By.cssSelector("tr.entry")).stream()
          .map(e -> e.getAttribute("data-action")).toList();
      assertThat(actions).contains("purge.propose", "purge.approve", "purge.execute", "purge.reject")
          .allSatisfy(a -> assertThat(a).startsWith("purge."));
      screenshot(browser, "legal-ui-audit.png");
      browser.get(base + "/archive/audit?action=access.denied");
      waitFor(browser, By.id("entries-title"));
      assertThat(browser.findElement(By.cssSelector("table")).getText()).contains("four eyes");
      browser.get(base + "/archive/audit?action=archive.download");
      waitFor(browser, By.id("entries-title"));
      assertThat(browser.findElement(By.cssSelector("table")).getText()).contains("original file=\"message-");
      browser.get(base + "/archive/audit?action=export.download");
      waitFor(browser, By.id("entries-title"));
      assertThat(browser.findElement(By.cssSelector("table")).getText()).contains("part=ARCHIVE", "lea");
    } finally {
      browser.quit();
    }
  }

  private long firstHit(String query) throws Exception {
    return JSON.readTree(api("/api/archive/search?q=" + java.net.URLEncoder.encode(query,
        java.nio.charset.StandardCharsets.UTF_8), token("lea")).body()).path("hits").get(0).path("id").asLong();
  }

  private static String id(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).path("id").asText();
  }

  private HttpResponse<String> call(String method, String path, String body, String token, int expected)
      throws Exception {
    HttpResponse<String> response = call(new Call(method, path, body, expected, expected), Map.of(), "", token);
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
    return response;
  }

  private HttpResponse<String> call(Call c, Map<String, String> ids, String user, String token) throws Exception {
    String path = c.path();
    String body = c.body();
    for (var id : ids.entrySet()) {
      path = path.replace("{" + id.getKey() + "}", id.getValue());
      body = body == null ? null : body.replace("{" + id.getKey() + "}", id.getValue());
    }
    path = path.replace("{user}", user);
    body = body == null ? null : body.replace("{user}", user);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).method(c.method(),
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private void signIn(WebDriver browser, String user) {
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(passwords.get(user));
    browser.findElement(By.id("kc-login")).click();
  }

  private static void assertNoScriptRan(WebDriver browser) {
    try {
      browser.switchTo().alert();
      throw new AssertionError("an alert opened: a script ran");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
  }

  private static void waitFor(WebDriver browser, By element) {
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(element));
  }

  private static void screenshot(ChromeDriver browser, String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  private void send(String subject, String type, String body) throws Exception {
    send("lea@" + DOMAIN, subject, type, body);
  }

  private void send(String to, String subject, String type, String body) throws Exception {
    String reply = RawSmtpClient.send(gateway.smtpPort(ListenerKind.MX), "partner@outside.example", to,
        "From: Partner <partner@outside.example>\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\n"
            + "Date: Mon, 6 Jan 2025 10:00:00 +0000\r\nMessage-ID: <" + System.nanoTime() + "@outside.example>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: " + type + "; charset=utf-8\r\n\r\n" + body);
    assertThat(reply).startsWith("250");
  }

  private String token(String user) throws Exception {
    return keycloak.admin().passwordGrant(REALM, GATEWAY, gatewaySecret, user, passwords.get(user)).accessToken();
  }

  private HttpResponse<String> api(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Registers this run's UI address with the realm's UI client (the port is random), as an operator would. */
  private void allowRedirects(String ui) throws Exception {
    String admin = keycloak.admin().passwordGrant("master", "admin-cli", null, keycloak.settings().adminUser(),
        keycloak.settings().adminPassword()).accessToken();
    String clients = keycloak.settings().baseUrl() + "/admin/realms/" + REALM + "/clients";
    JsonNode found = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(clients + "?clientId=" + UI_CLIENT))
        .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString()).body());
    ObjectNode client = (ObjectNode) found.get(0);
    ArrayNode redirects = client.withArrayProperty("redirectUris");
    redirects.add(ui + "*");
    ObjectNode attributes = client.withObjectProperty("attributes");
    attributes.put("post.logout.redirect.uris", attributes.path("post.logout.redirect.uris").asText("") + "##" + ui + "*");
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(clients + "/" + client.path("id").asText()))
        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
  }
}
