package eu.sovereignmail.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sovereignmail.gateway.health.Health;
import eu.sovereignmail.gateway.health.HealthReport;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's HTTP port: health for supervisors and load balancers, Prometheus metrics; admin and archive APIs mount here. */
public final class GatewayHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayHttpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Javalin app;

  private GatewayHttpServer(Javalin app) {
    this.app = app;
  }

  /** Binds {@code host:port} (port 0 picks a free one) and starts serving health and metrics only. */
  public static GatewayHttpServer start(InetAddress host, int port, Health health, PrometheusMeterRegistry metrics) {
    return start(host, port, health, metrics, List.of());
  }

  /** Binds {@code host:port} (port 0 picks a free one) and starts serving health, metrics and {@code modules}. */
  public static GatewayHttpServer start(InetAddress host, int port, Health health, PrometheusMeterRegistry metrics,
      List<HttpModule> modules) {
    Javalin app = Javalin.create(config -> {
      config.jetty.host = host.getHostAddress();
      config.jetty.port = port;
      config.startup.showJavalinBanner = false;
      config.routes.get("/health", ctx -> health(ctx, health.check()));
      config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
      modules.forEach(module -> module.mount(config.routes));
    });
    app.start();
    LOG.info("event=http.start host={} port={}", host.getHostAddress(), app.port());
    return new GatewayHttpServer(app);
  }

  private static void health(Context ctx, HealthReport report) throws Exception {
    ctx.status(report.healthy() ? 200 : 503)
        .contentType("application/json")
        .header("Cache-Control", "no-store")
        .result(JSON.writeValueAsString(report.toJson()));
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
