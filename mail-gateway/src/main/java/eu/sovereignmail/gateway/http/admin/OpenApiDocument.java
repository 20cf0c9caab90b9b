package eu.sovereignmail.gateway.http.admin;

import eu.sovereignmail.gateway.http.HttpModule;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the OpenAPI 3.1 description of the admin API at {@code /api/openapi.json}, without authentication: it is
 * written by hand (resource {@code openapi/gateway-admin.json}) and holds no secrets, so clients can be generated from it.
 */
public final class OpenApiDocument implements HttpModule {
  private static final String RESOURCE = "/openapi/gateway-admin.json";

  private final byte[] document;

  public OpenApiDocument() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
      }
      this.document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(document));
  }
}
