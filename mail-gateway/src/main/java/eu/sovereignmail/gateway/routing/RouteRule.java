package eu.sovereignmail.gateway.routing;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One persisted routing rule: a domain's default or one recipient's override, with who set it, when and why (an
 * admin's {@code route set}, or {@code failover} when the gateway flipped it itself).
 */
public record RouteRule(Scope scope, String key, Route route, String changedBy, Instant changedAt, String reason) {
  /** What a rule applies to: every address of a domain, or one address (which wins over its domain). */
  public enum Scope { DOMAIN, RECIPIENT }

  public RouteRule {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(changedBy, "changedBy");
    Objects.requireNonNull(changedAt, "changedAt");
    key = normalize(scope, key);
    reason = reason == null ? "" : reason;
  }

  /** Domains and addresses are matched case-insensitively; rules store them in lower case. */
  public static String normalize(Scope scope, String key) {
    if (key == null || key.isBlank() || key.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("route key must be a domain or an address without spaces: " + key);
    }
    if (scope == Scope.RECIPIENT && key.indexOf('@') < 1) {
      throw new IllegalArgumentException("a recipient route needs a full address, got " + key);
    }
    if (scope == Scope.DOMAIN && key.indexOf('@') >= 0) {
      throw new IllegalArgumentException("a domain route needs a domain, got " + key);
    }
    return key.toLowerCase(Locale.ROOT);
  }
}
