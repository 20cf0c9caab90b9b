package eu.sovereignmail.gateway.routing.internal;

import eu.sovereignmail.gateway.routing.RouteRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable copy of every rule, swapped in whole after each committed write or reload, so that the delivery path
 * reads routes without a lock and never sees half of a change.
 */
public final class RuleSnapshot {
  private static final Comparator<RouteRule> ORDER =
      Comparator.comparing(RouteRule::scope).thenComparing(RouteRule::key);

  private final Map<Key, RouteRule> byKey;
  private final List<RouteRule> ordered;

  private RuleSnapshot(Map<Key, RouteRule> byKey) {
    this.byKey = Map.copyOf(byKey);
    List<RouteRule> sorted = new ArrayList<>(byKey.values());
    sorted.sort(ORDER);
    this.ordered = List.copyOf(sorted);
  }

  public static RuleSnapshot of(Collection<RouteRule> rules) {
    Map<Key, RouteRule> map = new HashMap<>();
    for (RouteRule rule : rules) {
      map.put(new Key(rule.scope(), rule.key()), rule);
    }
    return new RuleSnapshot(map);
  }

  /** {@code key} must already be normalized. */
  public Optional<RouteRule> find(RouteRule.Scope scope, String key) {
    return Optional.ofNullable(byKey.get(new Key(scope, key)));
  }

  /** Domains first (the enum's order), then recipients, each sorted by key. */
  public List<RouteRule> all() {
    return ordered;
  }

  public RuleSnapshot with(RouteRule rule) {
    Map<Key, RouteRule> map = new HashMap<>(byKey);
    map.put(new Key(rule.scope(), rule.key()), rule);
    return new RuleSnapshot(map);
  }

  public RuleSnapshot without(RouteRule.Scope scope, String key) {
    if (!byKey.containsKey(new Key(scope, key))) {
      return this;
    }
    Map<Key, RouteRule> map = new HashMap<>(byKey);
    map.remove(new Key(scope, key));
    return new RuleSnapshot(map);
  }

  /** How many rules were added, removed or changed between {@code this} and {@code newer}. */
  public int differences(RuleSnapshot newer) {
    int count = 0;
    for (Map.Entry<Key, RouteRule> entry : byKey.entrySet()) {
      if (!Objects.equals(entry.getValue(), newer.byKey.get(entry.getKey()))) {
        count++;
      }
    }
    for (Key key : newer.byKey.keySet()) {
      if (!byKey.containsKey(key)) {
        count++;
      }
    }
    return count;
  }

  public int size() {
    return byKey.size();
  }

  private record Key(RouteRule.Scope scope, String key) {}
}
