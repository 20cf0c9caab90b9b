package eu.sovereignmail.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.health.Health;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GatewayHttpServerTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void healthIs200WithEveryComponentOnlyWhenAllAreUp() throws Exception {
    AtomicBoolean jamesUp = new AtomicBoolean(true);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    metrics.counter("sovereign_test_total").increment();
    try (Health health = new Health(Duration.ofSeconds(1));
        GatewayHttpServer server = GatewayHttpServer.start(InetAddress.getLoopbackAddress(), 0,
            health.register("gateway", () -> {}).register("james", () -> {
              if (!jamesUp.get()) {
                throw new IllegalStateException("webadmin refused");
              }
            }), metrics)) {
      HttpResponse<String> up = get(server, "/health");
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      assertThat(up.body()).contains("\"status\":\"up\"").contains("\"gateway\"").contains("\"james\"");

      jamesUp.set(false);
      HttpResponse<String> down = get(server, "/health");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("\"status\":\"down\"").contains("webadmin refused");

      HttpResponse<String> scrape = get(server, "/metrics");
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains("sovereign_test_total");
    }
  }

  private HttpResponse<String> get(GatewayHttpServer server, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
