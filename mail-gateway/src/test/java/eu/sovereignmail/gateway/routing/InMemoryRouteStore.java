package eu.sovereignmail.gateway.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A route store in a map, for unit tests of what reads routes (the real one needs MariaDB). */
final class InMemoryRouteStore implements RouteStore {
  private final Map<String, RouteRule> rules = new ConcurrentHashMap<>();
  private final List<RouteChange> history = new ArrayList<>();

  @Override
  public Optional<RouteRule> find(RouteRule.Scope scope, String key) {
    return Optional.ofNullable(rules.get(scope + ":" + RouteRule.normalize(scope, key)));
  }

  @Override
  public List<RouteRule> all() {
    return rules.values().stream()
        .sorted(Comparator.comparing(RouteRule::scope).thenComparing(RouteRule::key))
        .toList();
  }

  @Override
  public synchronized void put(RouteRule rule) {
    RouteRule before = rules.put(rule.scope() + ":" + rule.key(), rule);
    history.addFirst(new RouteChange(rule.changedAt(), rule.scope(), rule.key(), before == null ? null : before.route(),
        rule.route(), rule.changedBy(), rule.reason()));
  }

  @Override
  public synchronized boolean remove(RouteRule.Scope scope, String key, String changedBy, String reason) {
    return rules.remove(scope + ":" + RouteRule.normalize(scope, key)) != null;
  }

  @Override
  public synchronized List<RouteChange> history(int limit) {
    return List.copyOf(history.subList(0, Math.min(limit, history.size())));
  }
}
