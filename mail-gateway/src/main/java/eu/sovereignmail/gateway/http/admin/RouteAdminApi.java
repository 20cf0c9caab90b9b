package eu.sovereignmail.gateway.http.admin;

import eu.sovereignmail.gateway.http.HttpModule;
import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import eu.sovereignmail.gateway.http.admin.internal.Json;
import eu.sovereignmail.gateway.http.admin.internal.Limit;
import eu.sovereignmail.gateway.http.admin.internal.RouteViews;
import eu.sovereignmail.gateway.routing.Route;
import eu.sovereignmail.gateway.routing.RouteRule;
import eu.sovereignmail.gateway.routing.RouteStore;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continuity routes under {@code /api/routes}: every rule and the default, set or clear a domain's or a recipient's
 * route with who and why, and the history of changes. The store records the history; this only validates and maps.
 */
public final class RouteAdminApi implements HttpModule {
  private static final Logger LOG = LoggerFactory.getLogger(RouteAdminApi.class);

  private final RouteStore store;
  private final Route defaultRoute;
  private final AdminAuth auth;
  private final Clock clock;

  /** {@code defaultRoute}: where an address goes when neither its domain nor itself has a rule. */
  public RouteAdminApi(RouteStore store, Route defaultRoute, AdminAuth auth, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.defaultRoute = Objects.requireNonNull(defaultRoute, "defaultRoute");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.get("/api/routes", auth.guard((ctx, actor) -> Json.respond(ctx, 200,
        new RouteViews.Routes(defaultRoute.name(), store.all().stream().map(RouteViews::rule).toList()))));
    routes.get("/api/routes/history", auth.guard((ctx, actor) -> Json.respond(ctx, 200,
        new RouteViews.History(store.history(Limit.parse(ctx.queryParam("limit"))).stream().map(RouteViews::change).toList()))));
    for (RouteRule.Scope scope : RouteRule.Scope.values()) {
      String path = "/api/routes/" + RouteViews.scope(scope) + "/{key}";
      routes.put(path, auth.guard((ctx, actor) -> set(ctx, actor, scope)));
      routes.delete(path, auth.guard((ctx, actor) -> clear(ctx, actor, scope)));
    }
  }

  private void set(Context ctx, String actor, RouteRule.Scope scope) throws Exception {
    String key = key(ctx, scope);
    RouteViews.SetRoute body = Json.body(ctx, RouteViews.SetRoute.class);
    Route route = route(body.route());
    String reason = reason(body.reason());
    RouteRule rule = new RouteRule(scope, key, route, actor, clock.instant(), reason);
    store.put(rule);
    LOG.info("event=admin.route_set scope={} key={} route={} actor={}", RouteViews.scope(scope), key, route, actor);
    Json.respond(ctx, 200, RouteViews.rule(rule));
  }

  private void clear(Context ctx, String actor, RouteRule.Scope scope) throws Exception {
    String key = key(ctx, scope);
    String reason = reason(ctx.queryParam("reason"));
    if (!store.remove(scope, key, actor, reason)) {
      throw ApiError.notFound("no " + RouteViews.scope(scope) + " route for " + key);
    }
    LOG.info("event=admin.route_cleared scope={} key={} actor={}", RouteViews.scope(scope), key, actor);
    ctx.status(204);
  }

  private static String key(Context ctx, RouteRule.Scope scope) {
    try {
      return RouteRule.normalize(scope, ctx.pathParam("key"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static Route route(String name) {
    if (name == null) {
      throw ApiError.badRequest("\"route\" is required: one of " + Arrays.toString(Route.values()));
    }
    try {
      return Route.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("unknown route " + name + ": one of " + Arrays.toString(Route.values()));
    }
  }

  private static String reason(String reason) {
    String stripped = reason == null ? "" : reason.strip();
    if (stripped.length() > QueueAdminApi.MAX_REASON) {
      throw ApiError.badRequest("the reason is longer than " + QueueAdminApi.MAX_REASON + " characters");
    }
    return stripped;
  }
}
