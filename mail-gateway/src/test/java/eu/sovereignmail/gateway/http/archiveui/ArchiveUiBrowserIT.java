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
 * gateway journaling mail it received over SMTP, and Debian's headless Chromium. lea signs in on Keycloak's page,
 * searches and opens a message; a message carrying script injections renders inert and loads nothing; alice (staff)
 * is refused; the API's role matrix with real tokens. Screenshots of the main pages go to {@code docs/img/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchiveUiBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOMAIN = "legalui.test";
  private static final Path SCREENSHOTS = Path.of("..", "docs", "img");
  private static final String UI_CLIENT = "sovereign-archive-ui";

  private final String gatewaySecret = secret();
  private final Map<String, String> passwords = Map.of("lea", secret(), "mara", secret(), "alice", secret());
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
    String lea = token("lea");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
        JSON.readTree(api("/api/archive/search?q=budget", lea).body()).path("total").asLong() >= 2);
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
    String reply = RawSmtpClient.send(gateway.smtpPort(ListenerKind.MX), "partner@outside.example", "lea@" + DOMAIN,
        "From: Partner <partner@outside.example>\r\nTo: Lea <lea@" + DOMAIN + ">\r\nSubject: " + subject + "\r\n"
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
