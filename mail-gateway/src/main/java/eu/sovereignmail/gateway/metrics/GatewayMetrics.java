package eu.sovereignmail.gateway.metrics;

import eu.sovereignmail.gateway.smtp.session.ListenerKind;
import eu.sovereignmail.gateway.spool.Destination;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;

/**
 * The gateway's mail-flow counters in one place, so SMTP and delivery code counts with one short call and the metric
 * names and tags stay consistent: accepted and rejected messages per listener, delivery outcomes per destination,
 * failovers.
 */
public final class GatewayMetrics {
  private final MeterRegistry registry;
  private final Counter failovers;

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.failovers = Counter.builder("sovereign.failovers")
        .description("Recipients or domains the gateway moved from the legacy provider to SOVEREIGN")
        .register(registry);
  }

  /** A message was accepted (250 after the spool commit) on {@code listener}. */
  public void accepted(ListenerKind listener) {
    Counter.builder("sovereign.smtp.accepted")
        .description("Messages accepted into the spool")
        .tag("listener", name(listener))
        .register(registry)
        .increment();
  }

  /** A command was refused on {@code listener} with reply {@code code} (e.g. 550). */
  public void rejected(ListenerKind listener, int code) {
    Counter.builder("sovereign.smtp.rejected")
        .description("SMTP commands or messages refused, by reply code")
        .tag("listener", name(listener))
        .tag("code", Integer.toString(code))
        .register(registry)
        .increment();
  }

  /** One recipient's copy reached {@code destination}. */
  public void delivered(Destination destination) {
    delivery(destination, "delivered");
  }

  /** One recipient's copy to {@code destination} failed temporarily and will be retried. */
  public void deferred(Destination destination) {
    delivery(destination, "deferred");
  }

  /** One recipient's copy to {@code destination} failed for good. */
  public void failed(Destination destination) {
    delivery(destination, "failed");
  }

  /** The gateway flipped a recipient or domain to SOVEREIGN by itself. */
  public void failover() {
    failovers.increment();
  }

  private void delivery(Destination destination, String outcome) {
    Counter.builder("sovereign.delivery")
        .description("Delivery attempts per recipient copy, by destination and outcome")
        .tag("destination", name(destination))
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
