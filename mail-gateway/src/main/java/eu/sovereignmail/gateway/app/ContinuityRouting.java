package eu.sovereignmail.gateway.app;

import eu.sovereignmail.gateway.delivery.Routing;
import eu.sovereignmail.gateway.routing.AlertSink;
import eu.sovereignmail.gateway.routing.FailoverDecision;
import eu.sovereignmail.gateway.routing.FailoverPolicy;
import eu.sovereignmail.gateway.routing.Route;
import eu.sovereignmail.gateway.routing.RouteStore;
import eu.sovereignmail.gateway.routing.Router;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.smtp.session.RecipientPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery's view of continuity routing, put together from the small routing units: the directory says whether an
 * address is ours, the {@link Router} which route applies, the {@link FailoverPolicy} whether a legacy refusal means
 * failing over; a failover is stored (it survives restart) before it is alerted and acted on.
 */
final class ContinuityRouting implements Routing {
  private static final Logger LOG = LoggerFactory.getLogger(ContinuityRouting.class);

  private final RecipientPolicy directory;
  private final Router router;
  private final FailoverPolicy policy;
  private final RouteStore store;
  private final AlertSink alerts;
  private final Runnable counted;
  private final Clock clock;

  ContinuityRouting(RecipientPolicy directory, Router router, FailoverPolicy policy, RouteStore store, AlertSink alerts,
      Runnable counted, Clock clock) {
    this.directory = directory;
    this.router = router;
    this.policy = policy;
    this.store = store;
    this.alerts = alerts;
    this.counted = counted;
    this.clock = clock;
  }

  @Override
  public Optional<Route> routeFor(String address) {
    int at = address.lastIndexOf('@');
    if (at > 0 && !directory.isLocalDomain(address.substring(at + 1))) {
      return Optional.empty();
    }
    return Optional.of(router.decide(address).route());
  }

  @Override
  public synchronized boolean failover(String address, SmtpReply legacyReply, Duration failingFor) {
    if (router.decide(address).route() == Route.SOVEREIGN) {
      return true;
    }
    FailoverDecision decision = policy.decide(address, legacyReply, failingFor);
    if (!(decision instanceof FailoverDecision.FailOver failOver)) {
      return false;
    }
    var now = clock.instant();
    store.put(failOver.rule(now));
    LOG.warn("event=routing.failover scope={} key={} reason=\"{}\"", failOver.scope(), failOver.key(), failOver.reason());
    counted.run();
    alerts.raise(failOver.alert(now));
    return true;
  }
}
