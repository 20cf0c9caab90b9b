package eu.sovereignmail.gateway.http;

import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * A group of endpoints mounted on the gateway's HTTP port (admin queue, routes, later the archive), so that
 * {@link GatewayHttpServer} stays the same size however many APIs the gateway grows.
 */
@FunctionalInterface
public interface HttpModule {
  /** Registers this module's handlers; called once, before the server starts. */
  void mount(JavalinDefaultRoutingApi routes);
}
