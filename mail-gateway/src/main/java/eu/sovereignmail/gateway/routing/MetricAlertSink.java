package eu.sovereignmail.gateway.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Alerts counted per kind ({@code sovereign_alerts_total{kind="failover"}} on {@code /metrics}), so monitoring can page
 * on a rise without parsing logs.
 */
public final class MetricAlertSink implements AlertSink {
  /** The Micrometer name; Prometheus shows it as {@code sovereign_alerts_total}. */
  public static final String METRIC = "sovereign.alerts";

  private final MeterRegistry registry;

  public MetricAlertSink(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void raise(Alert alert) {
    Counter.builder(METRIC)
        .description("Alerts raised for admins, e.g. failovers from the legacy provider")
        .tag("kind", alert.kind())
        .register(registry)
        .increment();
  }
}
