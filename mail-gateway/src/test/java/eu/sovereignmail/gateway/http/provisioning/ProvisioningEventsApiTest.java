package eu.sovereignmail.gateway.http.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.health.Health;
import eu.sovereignmail.gateway.http.GatewayHttpServer;
import eu.sovereignmail.gateway.http.admin.AdminToken;
import eu.sovereignmail.identity.provisioning.ChangeNotice;
import eu.sovereignmail.identity.provisioning.ChangeNotice.Kind;
import eu.sovereignmail.identity.provisioning.ChangeNotice.Operation;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProvisioningEventsApiTest {
  private static final String SECRET = "shared-events-secret";
  private static final String USER_ID = "8f0c7a3e-1111-4b7e-9d7e-3c1f2a4b5c6d";
  private final List<ChangeNotice> received = new CopyOnWriteArrayList<>();
  private final AtomicBoolean failing = new AtomicBoolean();
  private final HttpClient client = HttpClient.newHttpClient();
  private GatewayHttpServer server;

  @BeforeEach
  void start() {
    ProvisioningEventsApi api = new ProvisioningEventsApi(new AdminToken(SECRET), "sovereign", notice -> {
      if (failing.get()) {
        throw new IllegalStateException("provisioner is broken");
      }
      received.add(notice);
    });
    server = GatewayHttpServer.start(InetAddress.getLoopbackAddress(), 0, new Health(Duration.ofSeconds(1)),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(api));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String secret, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + ProvisioningEventsApi.PATH))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (secret != null) {
      request.header(ProvisioningEventsApi.SECRET_HEADER, secret);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String notice(String kind, String id, String operation) {
    return "{\"kind\":\"" + kind + "\",\"id\":\"" + id + "\",\"operation\":\"" + operation + "\",\"realm\":\"sovereign\"}";
  }

  @Test
  void dispatchesAValidNoticeToTheListener() throws Exception {
    HttpResponse<String> response = post(SECRET, notice("USER", USER_ID, "UPDATE"));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).contains("accepted");
    assertThat(received).containsExactly(new ChangeNotice(Kind.USER, USER_ID, Operation.UPDATE));
    assertThat(post(SECRET, "{\"kind\":\"group\",\"id\":\"g-1\",\"operation\":\"delete\"}").statusCode()).isEqualTo(202);
    assertThat(post(SECRET, "{\"kind\":\"REALM\",\"id\":\"\",\"operation\":\"UPDATE\",\"realm\":\"sovereign\"}").statusCode())
        .isEqualTo(202);
    assertThat(received).containsExactly(new ChangeNotice(Kind.USER, USER_ID, Operation.UPDATE),
        new ChangeNotice(Kind.GROUP, "g-1", Operation.DELETE), new ChangeNotice(Kind.REALM, "", Operation.UPDATE));
  }

  @Test
  void aMissingOrWrongSecretIs401AndNothingIsDispatched() throws Exception {
    HttpResponse<String> none = post(null, notice("USER", USER_ID, "UPDATE"));
    HttpResponse<String> wrong = post("shared-events-secreT", notice("USER", USER_ID, "UPDATE"));

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains(ProvisioningEventsApi.SECRET_HEADER).doesNotContain(SECRET);
    assertThat(received).isEmpty();
  }

  @Test
  void badNoticesAre400WithAClearMessage() throws Exception {
    assertBad("", "required");
    assertBad("{not json", "malformed JSON");
    assertBad("[1,2]", "JSON object");
    assertBad("{\"id\":\"x\",\"operation\":\"UPDATE\"}", "\"kind\" is required");
    assertBad(notice("MAILBOX", USER_ID, "UPDATE"), "\"kind\" must be one of [USER, GROUP, REALM]");
    assertBad(notice("USER", USER_ID, "RENAME"), "\"operation\" must be one of");
    assertBad("{\"kind\":\"USER\",\"operation\":\"UPDATE\"}", "\"id\" is required");
    assertBad(notice("USER", "", "UPDATE"), "\"id\" must be a Keycloak id");
    assertBad(notice("USER", "../../etc/passwd", "UPDATE"), "\"id\" must be a Keycloak id");
    assertBad("{\"kind\":\"USER\",\"id\":42,\"operation\":\"UPDATE\"}", "\"id\" must be a string");
    assertThat(received).isEmpty();
  }

  @Test
  void anOversizedBodyIs413() throws Exception {
    HttpResponse<String> response = post(SECRET, "{\"kind\":\"USER\",\"id\":\"" + "a".repeat(5000) + "\",\"operation\":\"UPDATE\"}");
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(received).isEmpty();
  }

  @Test
  void noticesOfAnotherRealmAreAcknowledgedAndIgnored() throws Exception {
    HttpResponse<String> response = post(SECRET, "{\"kind\":\"USER\",\"id\":\"u1\",\"operation\":\"CREATE\",\"realm\":\"master\"}");
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).contains("ignored");
    assertThat(received).isEmpty();
  }

  @Test
  void aFailingListenerIs500SoTheSenderRetriesAndTheServerStaysUp() throws Exception {
    failing.set(true);
    assertThat(post(SECRET, notice("USER", USER_ID, "UPDATE")).statusCode()).isEqualTo(500);
    failing.set(false);
    assertThat(post(SECRET, notice("USER", USER_ID, "UPDATE")).statusCode()).isEqualTo(202);
    assertThat(received).hasSize(1);
  }

  private void assertBad(String body, String message) throws Exception {
    HttpResponse<String> response = post(SECRET, body);
    assertThat(response.statusCode()).as(body).isEqualTo(400);
    assertThat(response.body()).as(body).contains(message.replace("\"", "\\\""));
  }
}
