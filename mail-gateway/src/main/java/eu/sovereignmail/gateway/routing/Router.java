package eu.sovereignmail.gateway.routing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The routing decision for a local recipient, kept pure so it can be tested and explained: the first of its steps
 * that decides wins (by default a recipient override, then the domain's rule), else the configured default. It reads
 * only the store's in-memory rules, so it is cheap enough to ask once per recipient and attempt.
 */
public final class Router {
  private final List<RouteStep> steps;
  private final Route fallback;

  /** Asks {@code steps} in order; {@code fallback} answers when none decides. */
  public Router(List<RouteStep> steps, Route fallback) {
    this.steps = List.copyOf(steps);
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  /** Recipient override, else domain rule, else {@code defaultRoute} (the configured default for local domains). */
  public static Router standard(RouteStore store, Route defaultRoute) {
    return new Router(List.of(RouteStep.recipientRule(store), RouteStep.domainRule(store)), defaultRoute);
  }

  /** As {@link #standard(RouteStore, Route)} with {@link Route#SOVEREIGN} as the default. */
  public static Router standard(RouteStore store) {
    return standard(store, Route.SOVEREIGN);
  }

  /** The route for {@code recipient}, a local address as it stands in the envelope; never throws for odd addresses. */
  public RouteDecision decide(String recipient) {
    Objects.requireNonNull(recipient, "recipient");
    for (RouteStep step : steps) {
      Optional<RouteDecision> decision = step.decide(recipient);
      if (decision.isPresent()) {
        return decision.get();
      }
    }
    return RouteDecision.byDefault(recipient, fallback);
  }

  public Route defaultRoute() {
    return fallback;
  }
}
