package eu.sovereignmail.stack.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** How {@link KeycloakAdmin#ensureRedirectUri} changes a client: the three lists, once, and nothing else. */
class KeycloakAdminRedirectTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The archive UI's client as the shipped realm file defines it (the fields that matter here). */
  private static ObjectNode shippedClient() throws Exception {
    return (ObjectNode) JSON.readTree("""
        {"id": "6d2c", "clientId": "sovereign-archive-ui", "publicClient": true,
         "redirectUris": ["http://127.0.0.1:8080/archive/*", "http://localhost:8080/archive/*"],
         "webOrigins": ["http://127.0.0.1:8080", "http://localhost:8080"],
         "attributes": {"pkce.code.challenge.method": "S256",
           "post.logout.redirect.uris": "http://127.0.0.1:8080/archive/*##http://localhost:8080/archive/*"}}
        """);
  }

  @Test
  void anotherPortIsAddedToEveryListOnce() throws Exception {
    ObjectNode client = shippedClient();

    assertThat(KeycloakAdmin.addRedirect(client, URI.create("http://127.0.0.1:18080/archive/"))).isTrue();

    assertThat(client.path("redirectUris").toString())
        .isEqualTo("[\"http://127.0.0.1:8080/archive/*\",\"http://localhost:8080/archive/*\","
            + "\"http://127.0.0.1:18080/archive/*\"]");
    assertThat(client.path("webOrigins").toString()).endsWith(",\"http://127.0.0.1:18080\"]");
    assertThat(client.path("attributes").path("post.logout.redirect.uris").asText())
        .isEqualTo("http://127.0.0.1:8080/archive/*##http://localhost:8080/archive/*##http://127.0.0.1:18080/archive/*");
    assertThat(client.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");

    String once = client.toString();
    assertThat(KeycloakAdmin.addRedirect(client, URI.create("http://127.0.0.1:18080/archive/"))).isFalse();
    assertThat(client.toString()).isEqualTo(once);
  }

  @Test
  void theShippedUrlsChangeNothingAndAPublicHttpsUrlKeepsItsDefaultPort() throws Exception {
    ObjectNode client = shippedClient();
    String shipped = client.toString();
    assertThat(KeycloakAdmin.addRedirect(client, URI.create("http://127.0.0.1:8080/archive/"))).isFalse();
    assertThat(KeycloakAdmin.addRedirect(client, URI.create("http://localhost:8080/archive/"))).isFalse();
    assertThat(client.toString()).isEqualTo(shipped);

    assertThat(KeycloakAdmin.addRedirect(client, URI.create("https://mail.example.eu/archive/"))).isTrue();
    assertThat(client.path("redirectUris").toString()).contains("\"https://mail.example.eu/archive/*\"");
    assertThat(client.path("webOrigins").toString()).contains("\"https://mail.example.eu\"");
  }

  @Test
  void aClientWithoutListsGetsThemAndABadUrlIsRefused() throws Exception {
    ObjectNode bare = (ObjectNode) JSON.readTree("{\"id\": \"1\", \"clientId\": \"x\"}");
    assertThat(KeycloakAdmin.addRedirect(bare, URI.create("http://[::1]:9090/archive"))).isTrue();
    assertThat(bare.path("redirectUris").toString()).isEqualTo("[\"http://[::1]:9090/archive/*\"]");
    assertThat(bare.path("webOrigins").toString()).isEqualTo("[\"http://[::1]:9090\"]");
    assertThat(bare.path("attributes").path("post.logout.redirect.uris").asText()).isEqualTo("http://[::1]:9090/archive/*");

    assertThatThrownBy(() -> KeycloakAdmin.addRedirect(shippedClient(), URI.create("/archive/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeycloakAdmin.addRedirect(shippedClient(), URI.create("ftp://example.eu/archive/")))
        .isInstanceOf(IllegalArgumentException.class);
  }

}
