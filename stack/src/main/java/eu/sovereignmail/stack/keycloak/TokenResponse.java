package eu.sovereignmail.stack.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** A successful OAuth 2.0 token response; {@link #toString()} never shows the tokens. */
public record TokenResponse(String accessToken, String tokenType, Duration expiresIn, String refreshToken, String scope) {

  static TokenResponse from(JsonNode node) {
    return new TokenResponse(
        node.path("access_token").asText(),
        node.path("token_type").asText(null),
        Duration.ofSeconds(node.path("expires_in").asLong(0)),
        node.path("refresh_token").asText(null),
        node.path("scope").asText(null));
  }

  @Override
  public String toString() {
    return "TokenResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", scope=" + scope
        + ", refreshToken=" + (refreshToken == null ? "none" : "***") + "]";
  }
}
