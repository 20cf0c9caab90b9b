package eu.sovereignmail.gateway.routing;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link FailoverPolicy} concluded for one recipient's legacy leg: keep the route ({@link Stay}), or flip a
 * recipient or domain to {@link Route#SOVEREIGN} ({@link FailOver}); both say why, for the log and the history.
 */
public sealed interface FailoverDecision {
  /** The alert kind and the {@code changedBy} of rules written by a failover. */
  String FAILOVER = "failover";

  String reason();

  /** Keep routing as before (deliver, retry or bounce as usual). */
  record Stay(String reason) implements FailoverDecision {
    public Stay {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Flip {@code scope}/{@code key} to {@link Route#SOVEREIGN} now and deliver this copy to James. */
  record FailOver(RouteRule.Scope scope, String key, String reason) implements FailoverDecision {
    public FailOver {
      Objects.requireNonNull(reason, "reason");
      key = RouteRule.normalize(scope, key);
    }

    /** The rule to {@link RouteStore#put}: SOVEREIGN, changed by {@value FailoverDecision#FAILOVER}. */
    public RouteRule rule(Instant at) {
      return new RouteRule(scope, key, Route.SOVEREIGN, FAILOVER, at, reason);
    }

    /** The alert to raise once the rule is stored. */
    public Alert alert(Instant at) {
      String what = scope == RouteRule.Scope.DOMAIN ? "domain " + key : key;
      return new Alert(at, FAILOVER, key, what + " failed over from the legacy provider to " + Route.SOVEREIGN,
          reason + "\nThe " + scope.name().toLowerCase(Locale.ROOT) + " route is now " + Route.SOVEREIGN
              + "; switching back is an explicit admin action.");
    }
  }
}
