package eu.sovereignmail.gateway.routing;

import eu.sovereignmail.gateway.routing.internal.RouteKeys;
import java.util.Objects;
import java.util.Optional;

/**
 * One link of the routing chain, in the spirit of a James matcher and mailet: it either decides a recipient's route or
 * passes (empty) to the next. The {@link Router} asks its steps in order; new kinds of rule are new steps.
 */
@FunctionalInterface
public interface RouteStep {
  /** The route for {@code recipient} (an address as it stands in the envelope), or empty to let the next step decide. */
  Optional<RouteDecision> decide(String recipient);

  /** Decides when the store holds an override for exactly this address (case-insensitive). */
  static RouteStep recipientRule(RouteStore store) {
    Objects.requireNonNull(store, "store");
    return recipient -> RouteKeys.recipient(recipient)
        .flatMap(key -> store.find(RouteRule.Scope.RECIPIENT, key))
        .map(rule -> RouteDecision.byRule(recipient, rule));
  }

  /** Decides when the store holds a rule for the address's domain. */
  static RouteStep domainRule(RouteStore store) {
    Objects.requireNonNull(store, "store");
    return recipient -> RouteKeys.domain(recipient)
        .flatMap(domain -> store.find(RouteRule.Scope.DOMAIN, domain))
        .map(rule -> RouteDecision.byRule(recipient, rule));
  }
}
