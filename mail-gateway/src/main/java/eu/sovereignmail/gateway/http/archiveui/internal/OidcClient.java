package eu.sovereignmail.gateway.http.archiveui.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.sovereignmail.gateway.http.archiveui.ArchiveUiSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The legal UI as a public OIDC client of Keycloak: the authorization URL (code flow, PKCE S256), the code exchange
 * on the back channel, and the end-session URL. Tokens are verified by the caller, never trusted as they come.
 */
public final class OidcClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** What the token endpoint answered: the access token (to verify) and the ID token (for the logout hint). */
  public record Tokens(String accessToken, String idToken) {
    @Override
    public String toString() {
      return "Tokens[***]";
    }
  }

  /** The token endpoint refused or could not be reached; {@code reason} is safe to log (no token, no code). */
  public static final class ExchangeFailed extends Exception {
    public ExchangeFailed(String reason) {
      super(reason, null, false, false);
    }
  }

  private final ArchiveUiSettings settings;
  private final HttpClient http;

  public OidcClient(ArchiveUiSettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Where the browser goes to sign in for {@code login}. */
  public URI authorizationUrl(PendingLogins.Pending login) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", settings.clientId());
    query.put("redirect_uri", settings.redirectUri().toString());
    query.put("scope", "openid");
    query.put("state", login.state());
    query.put("code_challenge", Secrets.challenge(login.verifier()));
    query.put("code_challenge_method", "S256");
    return URI.create(settings.browserRealmUrl() + "/protocol/openid-connect/auth?" + form(query));
  }

  /** Exchanges an authorization code with its PKCE verifier. */
  public Tokens exchange(String code, String verifier) throws ExchangeFailed {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", settings.redirectUri().toString());
    body.put("client_id", settings.clientId());
    body.put("code_verifier", verifier);
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(settings.realmUrl() + "/protocol/openid-connect/token"))
          .timeout(TIMEOUT)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form(body)))
          .build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ExchangeFailed("token endpoint unreachable: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExchangeFailed("interrupted");
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ExchangeFailed("token endpoint answered " + response.statusCode() + " without JSON");
    }
    if (response.statusCode() != 200) {
      throw new ExchangeFailed("token endpoint answered " + response.statusCode() + " "
          + json.path("error").asText("?").replaceAll("[^A-Za-z0-9_.-]", ""));
    }
    String access = json.path("access_token").asText(null);
    if (access == null || access.isBlank()) {
      throw new ExchangeFailed("no access token in the answer");
    }
    return new Tokens(access, json.path("id_token").asText(null));
  }

  /** Where the browser goes to end its Keycloak session, then back to the UI's signed-out page. */
  public URI logoutUrl(String idToken) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("client_id", settings.clientId());
    query.put("post_logout_redirect_uri", settings.signedOutUri().toString());
    if (idToken != null) {
      query.put("id_token_hint", idToken);
    }
    return URI.create(settings.browserRealmUrl() + "/protocol/openid-connect/logout?" + form(query));
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  @Override
  public void close() {
    http.close();
  }
}
