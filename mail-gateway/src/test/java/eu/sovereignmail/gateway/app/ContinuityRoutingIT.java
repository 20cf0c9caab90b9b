package eu.sovereignmail.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.gateway.smtp.session.ListenerKind;
import eu.sovereignmail.gateway.testing.Backends;
import eu.sovereignmail.gateway.testing.GatewayConfigs;
import eu.sovereignmail.gateway.testing.LegacyProvider;
import eu.sovereignmail.gateway.testing.RawSmtpClient;
import eu.sovereignmail.stack.process.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Continuity routing end to end: the gateway process (in this JVM) in front of the real James and MariaDB, with
 * GreenMail as the foreign legacy provider. SOVEREIGN mail lands in James, LEGACY at the provider, DUAL at both; when
 * the provider cuts one account off, that recipient alone fails over to James, persisted, with an alert.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContinuityRoutingIT {
  private static final String DOMAIN = "continuity.test";
  private static final Duration AWAIT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newHttpClient();
  private Backends backends;
  private LegacyProvider legacy;
  private Gateway gateway;
  private String adminToken;

  @BeforeAll
  void start() throws Exception {
    backends = Backends.get();
    backends.users(DOMAIN, "anna", "leo", "dora", "karim", "nina", "postmaster");
    legacy = LegacyProvider.started();
    Path data = backends.newDirectory("continuity");
    String yaml = GatewayConfigs.yaml(backends, data, "mx." + DOMAIN, "continuity_it", Ports.freeLoopbackPort(), """
        legacy:
          host: 127.0.0.1
          port: %d
          tls: NONE
        routing:
          failover-window: 30m
        """.formatted(legacy.port()));
    gateway = Gateway.start(GatewayConfigs.parse(yaml));
    adminToken = Files.readString(data.resolve("admin.token")).strip();
    put("/api/routes/domain/" + DOMAIN, "LEGACY");
    put("/api/routes/recipient/anna@" + DOMAIN, "SOVEREIGN");
    put("/api/routes/recipient/dora@" + DOMAIN, "DUAL");
    put("/api/routes/recipient/postmaster@" + DOMAIN, "SOVEREIGN");
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (legacy != null) {
      legacy.stop();
    }
  }

  @Test
  void eachRouteDeliversWhereItSaysAndACutOffAccountFailsOverAlone() throws Exception {
    assertThat(send("anna", "for anna")).startsWith("250");
    assertThat(send("leo", "for leo")).startsWith("250");
    assertThat(send("dora", "for dora")).startsWith("250");
    await().atMost(AWAIT).untilAsserted(() -> {
      assertThat(backends.inboxSubjects("anna@" + DOMAIN)).containsExactly("for anna");
      assertThat(legacy.subjectsFor("leo@" + DOMAIN)).containsExactly("for leo");
      assertThat(legacy.subjectsFor("dora@" + DOMAIN)).containsExactly("for dora");
      assertThat(backends.inboxSubjects("dora@" + DOMAIN)).containsExactly("for dora");
    });
    assertThat(backends.inboxSubjects("leo@" + DOMAIN)).isEmpty();
    assertThat(legacy.subjectsFor("anna@" + DOMAIN)).isEmpty();

    legacy.cutOff("karim@" + DOMAIN);
    assertThat(send("karim", "for karim after the cut-off")).startsWith("250");
    assertThat(send("nina", "for nina, still at the provider")).startsWith("250");
    await().atMost(AWAIT).untilAsserted(() -> {
      assertThat(backends.inboxSubjects("karim@" + DOMAIN)).containsExactly("for karim after the cut-off");
      assertThat(legacy.subjectsFor("nina@" + DOMAIN)).containsExactly("for nina, still at the provider");
      assertThat(backends.inboxSubjects("postmaster@" + DOMAIN))
          .anySatisfy(subject -> assertThat(subject).contains("karim@" + DOMAIN).contains("failed over"));
    });
    assertThat(backends.inboxSubjects("nina@" + DOMAIN)).isEmpty();
    assertThat(get("/api/routes")).contains("karim@" + DOMAIN).contains("failover");
    assertThat(get("/metrics")).contains("sovereign_failovers_total 1.0");

    assertThat(send("karim", "karim stays sovereign")).startsWith("250");
    await().atMost(AWAIT).untilAsserted(() -> assertThat(backends.inboxSubjects("karim@" + DOMAIN))
        .containsExactly("for karim after the cut-off", "karim stays sovereign"));
    assertThat(legacy.subjectsFor("karim@" + DOMAIN)).isEmpty();
  }

  private String send(String user, String subject) throws Exception {
    String to = user + "@" + DOMAIN;
    return RawSmtpClient.send(gateway.smtpPort(ListenerKind.MX), "partner@outside.example", to,
        "From: partner@outside.example\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\nHello " + user + "\r\n");
  }

  private void put(String path, String route) throws Exception {
    HttpResponse<String> response = http.send(request(path)
        .PUT(HttpRequest.BodyPublishers.ofString("{\"route\":\"" + route + "\",\"reason\":\"migration plan\"}"))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path))
        .header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(30));
  }
}
