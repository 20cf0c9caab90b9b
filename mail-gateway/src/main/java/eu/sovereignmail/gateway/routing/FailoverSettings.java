package eu.sovereignmail.gateway.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * When the gateway stops waiting for the legacy provider: {@code window} is how long temporary failures or silence are
 * tolerated before a recipient fails over; {@code scope} whether the recipient alone or its whole domain flips.
 */
public record FailoverSettings(Duration window, RouteRule.Scope scope) {
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);

  public FailoverSettings {
    Objects.requireNonNull(window, "routing.failover.window");
    Objects.requireNonNull(scope, "routing.failover.scope");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("routing.failover.window must be positive, was " + window);
    }
  }

  /** 30 minutes, one recipient at a time. */
  public static FailoverSettings defaults() {
    return new FailoverSettings(DEFAULT_WINDOW, RouteRule.Scope.RECIPIENT);
  }
}
