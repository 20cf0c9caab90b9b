package eu.sovereignmail.gateway.routing.internal;

import eu.sovereignmail.gateway.routing.RouteRule;
import java.util.Optional;

/**
 * The route keys of a recipient address as it stands in the spool, without throwing: the delivery path must not fail
 * on an address no rule can name (e.g. the bare {@code Postmaster} recipient, or a quoted local part with a space).
 */
public final class RouteKeys {
  private RouteKeys() {}

  /** The address as a recipient-rule key (lower case), or empty when no rule could name it. */
  public static Optional<String> recipient(String address) {
    return normalized(RouteRule.Scope.RECIPIENT, address);
  }

  /** The address's domain as a domain-rule key (lower case), or empty when it has none. */
  public static Optional<String> domain(String address) {
    if (address == null) {
      return Optional.empty();
    }
    // The domain follows the last '@': a quoted local part may contain '@' itself.
    int at = address.lastIndexOf('@');
    if (at < 1 || at == address.length() - 1) {
      return Optional.empty();
    }
    return normalized(RouteRule.Scope.DOMAIN, address.substring(at + 1));
  }

  private static Optional<String> normalized(RouteRule.Scope scope, String key) {
    try {
      return Optional.of(RouteRule.normalize(scope, key));
    } catch (IllegalArgumentException notAKey) {
      return Optional.empty();
    }
  }
}
