package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.routing.Route;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.spool.DeliveryOutcome;
import eu.sovereignmail.gateway.spool.Destination;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.RecipientState;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery pass over one spool entry: finds each due recipient's route, sends one transaction per destination
 * still to reach, fails LEGACY recipients over to James when routing says so (in the same pass), and turns what
 * came back into one verdict per recipient. It only computes; the worker makes the results durable.
 */
final class DeliveryPass {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryPass.class);

  /** What the pass found for one recipient: destinations newly reached, and its outcome if it changed. */
  record Result(String address, Set<Destination> reached, DeliveryOutcome outcome, Optional<FailedRecipient> failure) {}

  private final SpoolEntry entry;
  private final Map<Destination, Transport> transports;
  private final Routing routing;
  private final RetrySchedule retry;
  private final Clock clock;
  private final MessageSource message;
  private final Map<String, Map<Destination, SmtpReply>> replies = new LinkedHashMap<>();

  DeliveryPass(SpoolEntry entry, Map<Destination, Transport> transports, Routing routing, RetrySchedule retry,
      Clock clock, MessageSource message) {
    this.entry = entry;
    this.transports = transports;
    this.routing = routing;
    this.retry = retry;
    this.clock = clock;
    this.message = message;
  }

  List<Result> run(List<RecipientState> due) {
    Map<Destination, List<Recipient>> round = new EnumMap<>(Destination.class);
    for (RecipientState state : due) {
      replies.put(state.recipient().address(), new EnumMap<>(Destination.class));
      for (Destination destination : missing(state, destinations(state.recipient().address()))) {
        round.computeIfAbsent(destination, d -> new ArrayList<>()).add(state.recipient());
      }
    }
    send(round);

    Map<Destination, List<Recipient>> failovers = new EnumMap<>(Destination.class);
    Duration waited = Duration.between(entry.envelope().receivedAt(), clock.instant());
    for (RecipientState state : due) {
      String address = state.recipient().address();
      SmtpReply legacy = replies.get(address).get(Destination.LEGACY);
      if (legacy != null && !legacy.positive() && routing.failover(address, legacy, waited)
          && !reached(state).contains(Destination.JAMES)) {
        failovers.computeIfAbsent(Destination.JAMES, d -> new ArrayList<>()).add(state.recipient());
      }
    }
    send(failovers);

    return due.stream().map(this::verdict).toList();
  }

  private Set<Destination> destinations(String address) {
    return routing.routeFor(address).map(Route::destinations).orElse(Set.of(Destination.REMOTE));
  }

  private static Set<Destination> missing(RecipientState state, Set<Destination> wanted) {
    EnumSet<Destination> missing = EnumSet.noneOf(Destination.class);
    missing.addAll(wanted);
    missing.removeAll(state.reached());
    return missing;
  }

  private void send(Map<Destination, List<Recipient>> round) {
    round.forEach((destination, recipients) -> {
      for (RecipientReply reply : deliver(destination, recipients)) {
        replies.get(reply.recipient()).put(destination, reply.reply());
      }
    });
  }

  private List<RecipientReply> deliver(Destination destination, List<Recipient> recipients) {
    Transport transport = transports.get(destination);
    if (transport == null) {
      return everyone(recipients, SmtpReply.of(451, "4.3.5", "No " + destination.name().toLowerCase() + " next hop is configured"));
    }
    var envelope = entry.envelope();
    DeliveryTransaction transaction = new DeliveryTransaction(envelope.mailFrom(), recipients, entry.messageSize(),
        envelope.body(), envelope.smtpUtf8(), envelope.ret(), envelope.envid());
    try {
      return transport.deliver(transaction, message);
    } catch (IOException | RuntimeException e) {
      LOG.info("event=delivery.unreachable id={} destination={} reason=\"{}\"", entry.id(), destination, e.toString());
      return everyone(recipients, SmtpReply.of(451, "4.4.1", transport.name() + " unavailable: " + e.getMessage()));
    }
  }

  private static List<RecipientReply> everyone(List<Recipient> recipients, SmtpReply reply) {
    return recipients.stream().map(r -> new RecipientReply(r.address(), reply)).toList();
  }

  private Set<Destination> reached(RecipientState state) {
    EnumSet<Destination> reached = EnumSet.noneOf(Destination.class);
    reached.addAll(state.reached());
    replies.get(state.recipient().address()).forEach((destination, reply) -> {
      if (reply.positive()) {
        reached.add(destination);
      }
    });
    return reached;
  }

  /**
   * Done when every destination of the (possibly failed-over) route is reached. Otherwise the primary destination
   * decides: its permanent refusal fails the recipient (a DSN follows); in DUAL the James copy is a shadow, whose
   * permanent refusal is logged but never bounces mail the legacy provider took. Anything else waits and retries.
   */
  private Result verdict(RecipientState state) {
    String address = state.recipient().address();
    Map<Destination, SmtpReply> got = replies.get(address);
    Set<Destination> reached = reached(state);
    Set<Destination> newlyReached = EnumSet.noneOf(Destination.class);
    got.forEach((destination, reply) -> {
      if (reply.positive() && !state.reached().contains(destination)) {
        newlyReached.add(destination);
      }
    });
    Optional<Route> route = routing.routeFor(address);
    Set<Destination> wanted = route.map(Route::destinations).orElse(Set.of(Destination.REMOTE));
    Destination primary = route.map(r -> r == Route.SOVEREIGN ? Destination.JAMES : Destination.LEGACY).orElse(Destination.REMOTE);
    if (reached.containsAll(wanted)) {
      return new Result(address, newlyReached, new DeliveryOutcome.Delivered(), Optional.empty());
    }
    SmtpReply primaryReply = got.get(primary);
    SmtpReply last = got.values().stream().filter(r -> !r.positive()).reduce((a, b) -> b)
        .orElse(SmtpReply.of(451, "4.4.0", "not delivered yet"));
    int attempts = state.attempts() + 1;
    Optional<Instant> next = retry.nextAttempt(entry.envelope().receivedAt(), attempts, clock.instant());
    if (reached.contains(primary)) {
      if (next.isEmpty() || (last.code() >= 500)) {
        LOG.warn("event=delivery.shadow_given_up id={} rcpt={} reply=\"{}\"", entry.id(), address, last);
        return new Result(address, newlyReached, new DeliveryOutcome.Delivered(), Optional.empty());
      }
    } else if (primaryReply != null && primaryReply.code() >= 500) {
      return failed(state, newlyReached, primaryReply, primaryReply.toString(), primary);
    }
    if (next.isEmpty()) {
      return failed(state, newlyReached, null, "retries exhausted after " + attempts + " attempts, last: " + last, primary);
    }
    return new Result(address, newlyReached, new DeliveryOutcome.Deferred(last.toString(), next.get()), Optional.empty());
  }

  private Result failed(RecipientState state, Set<Destination> newlyReached, SmtpReply reply, String reason,
      Destination destination) {
    Transport transport = transports.get(destination);
    String host = reply == null || transport == null ? null : transport.host();
    return new Result(state.recipient().address(), newlyReached, new DeliveryOutcome.Failed(reason),
        Optional.of(new FailedRecipient(state.recipient(), reply, host, reason)));
  }
}
