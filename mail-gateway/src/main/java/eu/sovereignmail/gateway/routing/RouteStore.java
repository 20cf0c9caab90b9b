package eu.sovereignmail.gateway.routing;

import java.util.List;
import java.util.Optional;

/**
 * The persisted continuity routes. Reads are on the delivery path and must be cheap (served from memory); writes are
 * durable when they return and are recorded in the route history.
 */
public interface RouteStore extends AutoCloseable {
  /**
   * The rule for a domain or address, matched case-insensitively.
   *
   * @throws IllegalArgumentException when {@code key} cannot name a rule of {@code scope} (see
   *     {@link RouteRule#normalize})
   */
  Optional<RouteRule> find(RouteRule.Scope scope, String key);

  /** Every rule, domains first, then recipients, each sorted by key. */
  List<RouteRule> all();

  /**
   * Creates or replaces the rule for {@code rule.scope()}/{@code rule.key()} and records the change; durable when it
   * returns. A store may refuse keys or names longer than it can keep ({@link IllegalArgumentException}).
   */
  void put(RouteRule rule);

  /** Removes a rule (the recipient falls back to its domain); false when there was none. */
  boolean remove(RouteRule.Scope scope, String key, String changedBy, String reason);

  /** The newest changes first: every put and remove, with the route before and after. */
  List<RouteChange> history(int limit);

  @Override
  default void close() {}
}
