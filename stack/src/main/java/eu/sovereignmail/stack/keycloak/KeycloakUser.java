package eu.sovereignmail.stack.keycloak;

import com.fasterxml.jackson.databind.JsonNode;

/** A user of a Keycloak realm as the admin API lists it (no credentials). */
public record KeycloakUser(
    String id, String username, String email, String firstName, String lastName, boolean enabled, boolean emailVerified) {

  static KeycloakUser from(JsonNode node) {
    return new KeycloakUser(
        node.path("id").asText(),
        node.path("username").asText(),
        node.path("email").asText(null),
        node.path("firstName").asText(null),
        node.path("lastName").asText(null),
        node.path("enabled").asBoolean(false),
        node.path("emailVerified").asBoolean(false));
  }
}
