package eu.sovereignmail.gateway.routing;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one recipient's copy goes and why: the rule that decided (a recipient override or its domain's rule), or none
 * when the configured default applied. Logs and {@code route show} print {@link #decidedBy()}.
 */
public record RouteDecision(String recipient, Route route, RouteRule rule) {
  public RouteDecision {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(route, "route");
    if (rule != null && rule.route() != route) {
      throw new IllegalArgumentException("decision " + route + " contradicts its rule " + rule);
    }
  }

  /** The decision of a rule. */
  public static RouteDecision byRule(String recipient, RouteRule rule) {
    return new RouteDecision(recipient, rule.route(), rule);
  }

  /** The decision of the configured default, no rule involved. */
  public static RouteDecision byDefault(String recipient, Route route) {
    return new RouteDecision(recipient, route, null);
  }

  public Optional<RouteRule> decidingRule() {
    return Optional.ofNullable(rule);
  }

  /** {@code recipient:alice@example.eu}, {@code domain:example.eu} or {@code default}. */
  public String decidedBy() {
    return rule == null ? "default" : rule.scope().name().toLowerCase(Locale.ROOT) + ":" + rule.key();
  }
}
