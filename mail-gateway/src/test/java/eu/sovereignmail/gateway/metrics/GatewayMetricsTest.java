package eu.sovereignmail.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.spool.DeliveryOutcome;
import eu.sovereignmail.gateway.spool.Destination;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import eu.sovereignmail.gateway.spool.TestEnvelopes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayMetricsTest {
  @TempDir Path dir;

  @Test
  void countersAndGaugesCarryTheirPrometheusNamesAndTags() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(registry);

    try (Spool spool = Spool.open(dir.resolve("accepted"), SpoolSettings.defaults())) {
      spool.addListener(metrics);
      spool.accept(TestEnvelopes.envelope(), new ByteArrayInputStream("Subject: x\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII))).join();
      spool.accept(TestEnvelopes.envelope(), new ByteArrayInputStream("Subject: y\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII))).join();
    }
    metrics.reached(Destination.JAMES);
    metrics.reached(Destination.LEGACY);
    metrics.decided(new DeliveryOutcome.Delivered());
    metrics.decided(new DeliveryOutcome.Deferred("451 4.3.0 busy", Instant.EPOCH));
    metrics.decided(new DeliveryOutcome.Failed("550 5.1.1 unknown"));
    metrics.failover();

    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      new SpoolMetrics(spool, Clock.systemUTC()).bindTo(registry);
      String scrape = registry.scrape();

      assertThat(scrape).contains(
          "sovereign_smtp_accepted_total{direction=\"inbound\"} 2.0",
          "sovereign_delivery_copies_total{destination=\"james\"} 1.0",
          "sovereign_delivery_copies_total{destination=\"legacy\"} 1.0",
          "sovereign_delivery_recipients_total{outcome=\"delivered\"} 1.0",
          "sovereign_delivery_recipients_total{outcome=\"deferred\"} 1.0",
          "sovereign_delivery_recipients_total{outcome=\"failed\"} 1.0",
          "sovereign_failovers_total 1.0",
          "sovereign_queue_depth 0.0",
          "sovereign_queue_held 0.0",
          "sovereign_queue_oldest_age_seconds 0.0",
          "sovereign_spool_fsync_batch_mean 0.0",
          "sovereign_spool_fsync_batch_largest 0.0");
    }
  }
}
