package eu.sovereignmail.gateway.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.sovereignmail.gateway.http.HttpModule;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Serves the OpenAPI 3.1 description of every gateway API at {@code /api/openapi.json}, without authentication: the
 * admin API's document (resource {@code openapi/gateway-admin.json}) with the fragments of the other APIs merged in
 * (their tags, paths and components). Written by hand, holds no secrets, so clients can be generated from it.
 */
public final class OpenApiDocument implements HttpModule {
  private static final String BASE = "/openapi/gateway-admin.json";
  /** Fragments merged into the base: {@code tags}, {@code paths} and {@code components} of each API. */
  public static final List<String> FRAGMENTS = List.of("/eu/sovereignmail/gateway/http/archiveui/openapi-archive.json",
      "/eu/sovereignmail/gateway/http/archiveui/openapi-legal.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final byte[] document;

  public OpenApiDocument() {
    this(FRAGMENTS);
  }

  /** The base document with {@code fragments} (class-path resources) merged in, in order. */
  public OpenApiDocument(List<String> fragments) {
    try {
      ObjectNode root = (ObjectNode) read(BASE);
      ((ObjectNode) root.path("info")).put("title", "Sovereign Mail gateway API")
          .put("description", "The gateway's HTTP APIs. Admin (queue, routes): `Authorization: Bearer` with the local "
              + "admin token (file `admin.token` in the gateway's data directory) or a Keycloak access token with the "
              + "realm role `mail-admin`. Archive (`/api/archive`): a Keycloak access token (audience sovereign-gateway "
              + "or sovereign-archive-ui) of a user with realm role `legal` or `legal-admin`. Errors are "
              + "`{\"error\": \"...\"}`. Times are ISO-8601 UTC.");
      for (String fragment : fragments) {
        merge(root, read(fragment));
      }
      this.document = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the OpenAPI document", e);
    }
  }

  private static void merge(ObjectNode root, JsonNode fragment) {
    fragment.path("tags").forEach(root.withArrayProperty("tags")::add);
    fragment.path("paths").properties().forEach(e -> root.withObjectProperty("paths").set(e.getKey(), e.getValue()));
    fragment.path("components").properties().forEach(section -> section.getValue().properties().forEach(e ->
        root.withObjectProperty("components").withObjectProperty(section.getKey()).set(e.getKey(), e.getValue())));
  }

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is missing from the class path");
      }
      return JSON.readTree(in);
    }
  }

  /** The merged document (tests, tools). */
  public JsonNode json() throws IOException {
    return JSON.readTree(document);
  }

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(document));
  }
}
