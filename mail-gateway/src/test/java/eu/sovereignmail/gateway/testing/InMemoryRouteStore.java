package eu.sovereignmail.gateway.testing;

import eu.sovereignmail.gateway.routing.Route;
import eu.sovereignmail.gateway.routing.RouteChange;
import eu.sovereignmail.gateway.routing.RouteRule;
import eu.sovereignmail.gateway.routing.RouteStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A route store in memory for tests of what reads and writes routes (the JDBC one has its own tests). */
public final class InMemoryRouteStore implements RouteStore {
  private final Map<String, RouteRule> rules = new ConcurrentHashMap<>();
  private final List<RouteChange> history = new ArrayList<>();

  @Override
  public Optional<RouteRule> find(RouteRule.Scope scope, String key) {
    return Optional.ofNullable(rules.get(id(scope, RouteRule.normalize(scope, key))));
  }

  @Override
  public List<RouteRule> all() {
    return rules.values().stream()
        .sorted(Comparator.comparing(RouteRule::scope).thenComparing(RouteRule::key))
        .toList();
  }

  @Override
  public synchronized void put(RouteRule rule) {
    RouteRule before = rules.put(id(rule.scope(), rule.key()), rule);
    history.add(new RouteChange(rule.changedAt(), rule.scope(), rule.key(), before == null ? null : before.route(),
        rule.route(), rule.changedBy(), rule.reason()));
  }

  @Override
  public synchronized boolean remove(RouteRule.Scope scope, String key, String changedBy, String reason) {
    key = RouteRule.normalize(scope, key);
    RouteRule before = rules.remove(id(scope, key));
    if (before == null) {
      return false;
    }
    history.add(new RouteChange(Instant.now(), scope, key, before.route(), null, changedBy, reason));
    return true;
  }

  @Override
  public synchronized List<RouteChange> history(int limit) {
    return history.reversed().stream().limit(limit).toList();
  }

  private static String id(RouteRule.Scope scope, String key) {
    return scope + ":" + key;
  }

  /** For assertions: the route of a rule, if any. */
  public Optional<Route> route(RouteRule.Scope scope, String key) {
    return find(scope, key).map(RouteRule::route);
  }
}
