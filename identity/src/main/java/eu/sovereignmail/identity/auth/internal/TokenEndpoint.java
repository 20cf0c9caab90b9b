package eu.sovereignmail.identity.auth.internal;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The realm's token endpoint, used only for resource-owner password grants of the gateway's confidential client. */
public final class TokenEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);

  private final HttpClient http;
  private final URI endpoint;
  private final String clientId;
  private final String clientSecret;
  private final Duration requestTimeout;

  public TokenEndpoint(HttpClient http, URI endpoint, String clientId, String clientSecret, Duration requestTimeout) {
    this.http = http;
    this.endpoint = endpoint;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.requestTimeout = requestTimeout;
  }

  /** Asks Keycloak whether {@code login}/{@code password} are valid; never throws for network trouble. */
  public GrantOutcome passwordGrant(String login, String password) {
    String form = "grant_type=password"
        + "&client_id=" + encode(clientId)
        + "&client_secret=" + encode(clientSecret)
        + "&username=" + encode(login)
        + "&password=" + encode(password);
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(requestTimeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      return new GrantOutcome.Unreachable("timeout");
    } catch (IOException e) {
      return new GrantOutcome.Unreachable("connection: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new GrantOutcome.Unreachable("interrupted");
    }
    int status = response.statusCode();
    Map<String, Object> body = parse(response.body());
    String error = body.get("error") instanceof String s ? s : "";
    if (status == 200 && body.get("access_token") instanceof String token && !token.isBlank()) {
      return new GrantOutcome.Granted(token);
    }
    if (status == 400 && "invalid_grant".equals(error)) {
      return new GrantOutcome.Refused(status, error);
    }
    if (status == 401) {
      // A wrong client secret is a configuration fault, not the user's: loud in the log, a refusal to the client.
      LOG.error("event=identity.keycloak.client_refused status=401 error={} client={}", error, clientId);
      return new GrantOutcome.Refused(status, error);
    }
    LOG.warn("event=identity.keycloak.unexpected_answer status={} error={}", status, error);
    return new GrantOutcome.Unreachable("status " + status);
  }

  private static Map<String, Object> parse(String body) {
    try {
      return JSONObjectUtils.parse(body);
    } catch (ParseException e) {
      return Map.of();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
