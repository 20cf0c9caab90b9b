package eu.sovereignmail.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.smtp.session.ListenerKind;
import eu.sovereignmail.gateway.spool.Destination;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayMetricsTest {
  @TempDir Path dir;

  @Test
  void countersAndGaugesCarryTheirPrometheusNamesAndTags() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    GatewayMetrics metrics = new GatewayMetrics(registry);

    metrics.accepted(ListenerKind.MX);
    metrics.accepted(ListenerKind.MX);
    metrics.accepted(ListenerKind.SUBMISSION);
    metrics.rejected(ListenerKind.MX, 550);
    metrics.delivered(Destination.JAMES);
    metrics.deferred(Destination.LEGACY);
    metrics.failed(Destination.REMOTE);
    metrics.failover();

    try (Spool spool = Spool.open(dir, SpoolSettings.defaults())) {
      new SpoolMetrics(spool, Clock.systemUTC()).bindTo(registry);
      String scrape = registry.scrape();

      assertThat(scrape).contains(
          "sovereign_smtp_accepted_total{listener=\"mx\"} 2.0",
          "sovereign_smtp_accepted_total{listener=\"submission\"} 1.0",
          "sovereign_smtp_rejected_total{code=\"550\",listener=\"mx\"} 1.0",
          "sovereign_delivery_total{destination=\"james\",outcome=\"delivered\"} 1.0",
          "sovereign_delivery_total{destination=\"legacy\",outcome=\"deferred\"} 1.0",
          "sovereign_delivery_total{destination=\"remote\",outcome=\"failed\"} 1.0",
          "sovereign_failovers_total 1.0",
          "sovereign_queue_depth 0.0",
          "sovereign_queue_held 0.0",
          "sovereign_queue_oldest_age_seconds 0.0",
          "sovereign_spool_fsync_batch_mean 0.0",
          "sovereign_spool_fsync_batch_largest 0.0");
    }
  }
}
