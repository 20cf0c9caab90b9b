package eu.sovereignmail.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sovereignmail.gateway.testing.RawSmtpClient;
import eu.sovereignmail.stack.process.Ports;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The DESIGN contract of {@code up}: healthy with every component, real Keycloak logins, clean stop, reuse of data. */
class UpIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Path data = Path.of("target", "up-it-" + System.nanoTime()).toAbsolutePath();
  private final Map<String, Integer> ports = Map.ofEntries(
      Map.entry("--http-port", Ports.freeLoopbackPort()),
      Map.entry("--keycloak-port", Ports.freeLoopbackPort()),
      Map.entry("--keycloak-management-port", Ports.freeLoopbackPort()),
      Map.entry("--mariadb-port", Ports.freeLoopbackPort()),
      Map.entry("--james-smtp-port", Ports.freeLoopbackPort()),
      Map.entry("--james-lmtp-port", Ports.freeLoopbackPort()),
      Map.entry("--james-imap-port", Ports.freeLoopbackPort()),
      Map.entry("--james-webadmin-port", Ports.freeLoopbackPort()),
      Map.entry("--smtp-port", Ports.freeLoopbackPort()),
      Map.entry("--submission-port", Ports.freeLoopbackPort()),
      Map.entry("--smtps-port", Ports.freeLoopbackPort()));

  @Test
  void upIsHealthyLogsInWithKeycloakStopsCleanlyAndReusesItsData() throws Exception {
    Process first = startUp();
    JsonNode health = awaitHealthy(first, Duration.ofMinutes(4));
    assertThat(health.get("components").fieldNames()).toIterable()
        .contains("mariadb", "keycloak", "james", "gateway");

    Properties demo = load(data.resolve("demo-credentials.properties"));
    Properties secrets = load(data.resolve("secrets.properties"));
    assertThat(Files.getPosixFilePermissions(data.resolve("demo-credentials.properties")))
        .hasSize(2).allMatch(p -> p.name().startsWith("OWNER"));
    assertThat(demo.stringPropertyNames()).contains(
        "alice.email", "alice.password", "bob.email", "bob.password", "lea.email", "lea.password",
        "mara.email", "mara.password", "keycloak.admin.user", "keycloak.admin.password",
        "james.admin.user", "james.admin.password");
    assertThat(passwordGrant("alice", demo.getProperty("alice.password"), secrets).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = passwordGrant("alice", "not-her-password", secrets);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("invalid_grant");
    // The archive UI's client returns browsers to this stack's HTTP port, not only to the realm file's 8080.
    await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
        assertThat(archiveUiSignIn("http://127.0.0.1:" + ports.get("--http-port") + "/archive/callback")).isEqualTo(200));
    assertThat(archiveUiSignIn("http://127.0.0.1:1/archive/callback")).isEqualTo(400);

    assertThat(RawSmtpClient.send(ports.get("--smtp-port"), "partner@outside.example", "alice@example.eu",
        "From: partner@outside.example\r\nTo: alice@example.eu\r\nSubject: via the MX door\r\n\r\nhello\r\n"))
        .startsWith("250");
    submitAs("alice@example.eu", demo.getProperty("alice.password"), "bob@example.eu");

    stopAndAssertNoOrphans(first);

    Process second = startUp();
    awaitHealthy(second, Duration.ofMinutes(2));
    assertThat(load(data.resolve("demo-credentials.properties"))).isEqualTo(demo);
    assertThat(passwordGrant("alice", demo.getProperty("alice.password"), secrets).statusCode()).isEqualTo(200);
    stopAndAssertNoOrphans(second);
  }

  @Test
  void aPortInUseStopsUpBeforeAnythingStartsWithOneLineNamingTheFlag() throws Exception {
    try (ServerSocket taken = new ServerSocket(ports.get("--keycloak-port"), 1, InetAddress.getByName("127.0.0.1"))) {
      Process up = startUp();
      assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = Files.readString(data.resolve("up.out"));
      assertThat(up.exitValue()).isEqualTo(2);
      assertThat(output).contains("port " + taken.getLocalPort()).contains("--keycloak-port");
      assertThat(Files.exists(data.resolve("mariadb"))).isFalse();
    }
  }

  /** The status of Keycloak's sign-in page for the archive UI's client with {@code redirectUri} (400: not allowed). */
  private int archiveUiSignIn(String redirectUri) throws Exception {
    URI auth = URI.create("http://127.0.0.1:" + ports.get("--keycloak-port") + "/realms/sovereign/protocol/openid-connect/auth"
        + "?client_id=sovereign-archive-ui&response_type=code&scope=openid&code_challenge_method=S256"
        + "&code_challenge=" + "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(auth).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private Process startUp() throws IOException {
    Files.createDirectories(data);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dsovereign.home=" + HOME,
        "-cp", System.getProperty("java.class.path"),
        SovereignMail.class.getName(), "up", "--data-dir", data.toString()));
    ports.forEach((flag, port) -> {
      command.add(flag);
      command.add(String.valueOf(port));
    });
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("up.out").toFile()))
        .start();
  }

  /** SMTPS with AUTH PLAIN checked by Keycloak, as a mail client sends (the self-signed certificate is trusted here). */
  private void submitAs(String user, String password, String to) throws Exception {
    Properties props = new Properties();
    props.put("mail.smtps.host", "127.0.0.1");
    props.put("mail.smtps.port", String.valueOf(ports.get("--smtps-port")));
    props.put("mail.smtps.auth", "true");
    props.put("mail.smtps.ssl.trust", "*");
    props.put("mail.smtps.ssl.checkserveridentity", "false");
    props.put("mail.smtps.timeout", "30000");
    Session session = Session.getInstance(props);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(user));
    message.setRecipients(Message.RecipientType.TO, to);
    message.setSubject("submitted through the gateway");
    message.setText("hi");
    try (Transport transport = session.getTransport("smtps")) {
      transport.connect(user, password);
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  private JsonNode awaitHealthy(Process up, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI uri = URI.create("http://127.0.0.1:" + ports.get("--http-port") + "/health");
    while (System.nanoTime() < deadline) {
      assertThat(up.isAlive()).as("up exited early:%n%s", tail()).isTrue();
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return JSON.readTree(response.body());
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("not healthy within " + timeout + ":\n" + tail());
  }

  private void stopAndAssertNoOrphans(Process up) throws Exception {
    List<ProcessHandle> children = up.descendants().toList();
    assertThat(children).as("child processes of up").isNotEmpty();
    up.destroy(); // SIGTERM to the up process alone, as `kill PID` or a service manager does
    assertThat(up.waitFor(120, TimeUnit.SECONDS)).as("up stops within 120 s:%n%s", tail()).isTrue();
    assertThat(children.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().command().orElse("?")))
        .as("processes left behind").isEmpty();
  }

  private HttpResponse<String> passwordGrant(String user, String password, Properties secrets) throws Exception {
    String form = Map.of(
            "grant_type", "password",
            "client_id", "sovereign-gateway",
            "client_secret", secrets.getProperty("keycloak.gateway.client-secret"),
            "username", user,
            "password", password)
        .entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    URI token = URI.create("http://127.0.0.1:" + ports.get("--keycloak-port") + "/realms/sovereign/protocol/openid-connect/token");
    return http.send(HttpRequest.newBuilder(token)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Properties load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    return properties;
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(data.resolve("up.out"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
