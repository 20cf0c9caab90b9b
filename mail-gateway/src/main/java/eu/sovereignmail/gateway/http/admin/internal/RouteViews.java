package eu.sovereignmail.gateway.http.admin.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import eu.sovereignmail.gateway.routing.Route;
import eu.sovereignmail.gateway.routing.RouteChange;
import eu.sovereignmail.gateway.routing.RouteRule;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of the routes API, kept apart from the routing types. */
public final class RouteViews {
  private RouteViews() {}

  /** Every rule and the route of an address no rule matches. */
  public record Routes(@JsonProperty("default") String defaultRoute, List<Rule> rules) {}

  /** One rule; {@code scope} is "domain" or "recipient", as in the API paths. */
  public record Rule(String scope, String key, String route, String changedBy, String changedAt, String reason) {}

  /** One history entry; {@code before}/{@code after} null when the rule did not exist. */
  public record Change(String at, String scope, String key, String before, String after, String changedBy,
      String reason) {}

  public record History(List<Change> changes) {}

  /** The body of a PUT: the new route and why. */
  public record SetRoute(String route, String reason) {}

  public static Rule rule(RouteRule rule) {
    return new Rule(scope(rule.scope()), rule.key(), rule.route().name(), rule.changedBy(), rule.changedAt().toString(),
        rule.reason());
  }

  public static Change change(RouteChange change) {
    return new Change(change.at().toString(), scope(change.scope()), change.key(), name(change.before()),
        name(change.after()), change.changedBy(), change.reason());
  }

  public static String scope(RouteRule.Scope scope) {
    return scope.name().toLowerCase(Locale.ROOT);
  }

  private static String name(Route route) {
    return route == null ? null : route.name();
  }
}
