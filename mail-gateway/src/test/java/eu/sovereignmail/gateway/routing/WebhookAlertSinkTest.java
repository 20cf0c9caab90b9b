package eu.sovereignmail.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook sink against a real loopback HTTP server: payload, retries, give-up, bounded queue. */
class WebhookAlertSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Alert FAILOVER = new Alert(Instant.parse("2025-05-20T08:00:00Z"), "failover", "alice@example.eu",
      "alice@example.eu failed over from the legacy provider to SOVEREIGN", "550 5.2.1 Mailbox disabled");

  private HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  /** How many of the next requests answer 500 before the server answers 204. */
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean blocking;

  private record Request(String method, String contentType, JsonNode body) {}

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/hooks/alerts", this::handle);
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
          JSON.readTree(exchange.getRequestBody())));
      if (blocking) {
        release.await(30, TimeUnit.SECONDS);
      }
      int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
      exchange.sendResponseHeaders(status, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private WebhookSettings settings(int capacity) {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/alerts");
    return new WebhookSettings(url, Duration.ofSeconds(5), capacity, Duration.ofMillis(10));
  }

  @Test
  void postsTheAlertAsJson() {
    try (WebhookAlertSink sink = new WebhookAlertSink(settings(10), "gw1.example.eu")) {
      sink.raise(FAILOVER);

      await().atMost(Duration.ofSeconds(30)).until(() -> requests.size() == 1);
    }
    Request request = requests.getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.contentType()).isEqualTo("application/json");
    assertThat(request.body().get("source").asText()).isEqualTo("gw1.example.eu");
    assertThat(request.body().get("at").asText()).isEqualTo("2025-05-20T08:00:00Z");
    assertThat(request.body().get("kind").asText()).isEqualTo("failover");
    assertThat(request.body().get("subject").asText()).isEqualTo("alice@example.eu");
    assertThat(request.body().get("summary").asText()).isEqualTo(FAILOVER.summary());
    assertThat(request.body().get("detail").asText()).isEqualTo("550 5.2.1 Mailbox disabled");
  }

  @Test
  void retriesAfterServerErrorsUntilAccepted() {
    failuresLeft.set(2);
    try (WebhookAlertSink sink = new WebhookAlertSink(settings(10), "gw1")) {
      sink.raise(FAILOVER);

      await().atMost(Duration.ofSeconds(30)).until(() -> requests.size() == 3 && sink.queued() == 0);
    }
    assertThat(requests).extracting(r -> r.body().get("subject").asText()).containsOnly("alice@example.eu");
  }

  @Test
  void givesUpAfterThreeAttemptsAndGoesOnWithTheNextAlert() {
    failuresLeft.set(3);
    Alert second = new Alert(FAILOVER.at(), "failover", "bob@example.eu", "bob failed over", "");
    try (WebhookAlertSink sink = new WebhookAlertSink(settings(10), "gw1")) {
      sink.raise(FAILOVER);
      sink.raise(second);

      await().atMost(Duration.ofSeconds(30)).until(() -> requests.size() == 4);
    }
    assertThat(requests).extracting(r -> r.body().get("subject").asText())
        .containsExactly("alice@example.eu", "alice@example.eu", "alice@example.eu", "bob@example.eu");
  }

  @Test
  void aFullQueueDropsAlertsInsteadOfBlocking() {
    blocking = true;
    try (WebhookAlertSink sink = new WebhookAlertSink(settings(1), "gw1")) {
      sink.raise(FAILOVER); // taken by the worker, which then hangs in the blocked request
      await().atMost(Duration.ofSeconds(30)).until(() -> requests.size() == 1);
      sink.raise(new Alert(FAILOVER.at(), "failover", "queued@example.eu", "queued", ""));
      sink.raise(new Alert(FAILOVER.at(), "failover", "dropped@example.eu", "dropped", ""));

      assertThat(sink.queued()).isEqualTo(1);
      release.countDown();
      await().atMost(Duration.ofSeconds(30)).until(() -> requests.size() == 2 && sink.queued() == 0);
    }
    assertThat(requests).extracting(r -> r.body().get("subject").asText())
        .containsExactly("alice@example.eu", "queued@example.eu");
  }

  @Test
  void anUnreachableEndpointNeverThrows() {
    int closedPort = server.getAddress().getPort();
    server.stop(0);
    URI url = URI.create("http://127.0.0.1:" + closedPort + "/hooks/alerts");
    try (WebhookAlertSink sink = new WebhookAlertSink(
        new WebhookSettings(url, Duration.ofSeconds(2), 10, Duration.ofMillis(1)), "gw1")) {
      sink.raise(FAILOVER);
      sink.raise(null);
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.queued() == 0);
    }
    assertThat(requests).isEmpty();
  }

  @Test
  void settingsRefuseWhatCannotWork() {
    assertThatThrownBy(() -> WebhookSettings.of(URI.create("ftp://example.eu/x")))
        .hasMessageContaining("alerts.webhook.url");
    assertThatThrownBy(() -> new WebhookSettings(URI.create("https://example.eu/x"), Duration.ZERO, 10, Duration.ZERO))
        .hasMessageContaining("alerts.webhook.timeout");
    assertThatThrownBy(() -> new WebhookSettings(URI.create("https://example.eu/x"), Duration.ofSeconds(1), 0,
        Duration.ZERO)).hasMessageContaining("queueCapacity");
  }
}
