package eu.sovereignmail.gateway.metrics;

import eu.sovereignmail.gateway.delivery.DeliveryObserver;
import eu.sovereignmail.gateway.spool.DeliveryOutcome;
import eu.sovereignmail.gateway.spool.Destination;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import eu.sovereignmail.gateway.spool.SpoolListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;

/**
 * The gateway's mail-flow counters in one place, fed by the spool (what was accepted) and the delivery worker (what
 * reached where, what was deferred or failed), so metric names and tags stay consistent and the mail path carries
 * no metrics code.
 */
public final class GatewayMetrics implements SpoolListener, DeliveryObserver {
  private final MeterRegistry registry;
  private final Counter failovers;

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.failovers = Counter.builder("sovereign.failovers")
        .description("Recipients or domains the gateway moved from the legacy provider to SOVEREIGN")
        .register(registry);
  }

  /** A message was accepted: committed to the spool, its 250 on the way. */
  @Override
  public void committed(SpoolEntry entry) {
    Counter.builder("sovereign.smtp.accepted")
        .description("Messages accepted into the spool, by direction")
        .tag("direction", name(entry.envelope().direction()))
        .register(registry)
        .increment();
  }

  @Override
  public void reached(Destination destination) {
    Counter.builder("sovereign.delivery.copies")
        .description("Recipient copies that reached a next hop, by destination")
        .tag("destination", name(destination))
        .register(registry)
        .increment();
  }

  @Override
  public void decided(DeliveryOutcome outcome) {
    String name = switch (outcome) {
      case DeliveryOutcome.Delivered d -> "delivered";
      case DeliveryOutcome.Deferred d -> "deferred";
      case DeliveryOutcome.Failed f -> "failed";
    };
    Counter.builder("sovereign.delivery.recipients")
        .description("Recipient delivery passes, by outcome (deferred ones are tried again)")
        .tag("outcome", name)
        .register(registry)
        .increment();
  }

  /** The gateway flipped a recipient or domain to SOVEREIGN by itself. */
  public void failover() {
    failovers.increment();
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
