package eu.sovereignmail.gateway.metrics;

import eu.sovereignmail.gateway.imap.session.LoginOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The IMAP door's meters in one place: connections and logged-in sessions open now, logins by outcome, bytes relayed
 * each way between clients and James.
 */
public final class ImapMetrics {
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger sessions = new AtomicInteger();
  private final Map<LoginOutcome, Counter> logins = new EnumMap<>(LoginOutcome.class);
  private final Counter toBackend;
  private final Counter toClient;

  public ImapMetrics(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    Gauge.builder("sovereign.imap.connections", connections, AtomicInteger::get)
        .description("IMAP client connections open now (before and after login)")
        .strongReference(true)
        .register(registry);
    Gauge.builder("sovereign.imap.sessions", sessions, AtomicInteger::get)
        .description("IMAP sessions logged in and spliced to James now")
        .strongReference(true)
        .register(registry);
    for (LoginOutcome outcome : LoginOutcome.values()) {
      logins.put(outcome, Counter.builder("sovereign.imap.logins")
          .description("IMAP login attempts by outcome")
          .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
          .register(registry));
    }
    toBackend = relayed(registry, "client_to_backend");
    toClient = relayed(registry, "backend_to_client");
  }

  private static Counter relayed(MeterRegistry registry, String direction) {
    return Counter.builder("sovereign.imap.relayed.bytes")
        .description("Bytes relayed between IMAP clients and James after login")
        .baseUnit("bytes")
        .tag("direction", direction)
        .register(registry);
  }

  public void login(LoginOutcome outcome) {
    logins.get(outcome).increment();
  }

  public void connectionOpened() {
    connections.incrementAndGet();
  }

  public void connectionClosed() {
    connections.decrementAndGet();
  }

  public void sessionOpened() {
    sessions.incrementAndGet();
  }

  public void sessionClosed() {
    sessions.decrementAndGet();
  }

  public void relayedToBackend(long bytes) {
    toBackend.increment(bytes);
  }

  public void relayedToClient(long bytes) {
    toClient.increment(bytes);
  }
}
