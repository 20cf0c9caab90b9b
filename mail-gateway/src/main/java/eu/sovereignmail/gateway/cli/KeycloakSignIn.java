package eu.sovereignmail.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Signs a user in to Keycloak from the command line, for commands where the user acts on their own account: the OAuth
 * 2.0 device authorization grant (RFC 8628) when the realm's client allows it, so that any MFA works (the user
 * confirms in a browser, on any device), else a username and password prompt (a direct grant, which MFA users cannot
 * pass). Returns an access token; nothing is stored.
 */
final class KeycloakSignIn {
  static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** RFC 8628 3.5: on slow_down the interval grows by 5 seconds. */
  private static final Duration SLOW_DOWN = Duration.ofSeconds(5);

  /** Asks the person at the terminal; replaceable in tests. */
  interface Prompt {
    String line(String label);

    char[] secret(String label);
  }

  /** Waits between polls; replaceable in tests. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final URI issuer;
  private final String clientId;
  private final PrintWriter out;
  private final Prompt prompt;
  private final Sleeper sleeper;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  KeycloakSignIn(URI issuer, String clientId, PrintWriter out, Prompt prompt, Sleeper sleeper) {
    String text = Objects.requireNonNull(issuer, "issuer").toString();
    this.issuer = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.out = Objects.requireNonNull(out, "out");
    this.prompt = Objects.requireNonNull(prompt, "prompt");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** The terminal's prompt: fails clearly when there is no terminal (a script must use an admin token instead). */
  static Prompt console() {
    return new Prompt() {
      @Override
      public String line(String label) {
        return requireConsole().readLine("%s", label);
      }

      @Override
      public char[] secret(String label) {
        return requireConsole().readPassword("%s", label);
      }

      private java.io.Console requireConsole() {
        java.io.Console console = System.console();
        if (console == null) {
          throw new IllegalStateException("no terminal to ask for a password on");
        }
        return console;
      }
    };
  }

  /**
   * An access token of the signed-in user.
   *
   * @param forcePassword skip the device grant and prompt for a password at once
   * @throws AdminClientOptions.MissingTokenException when sign-in is refused, cancelled or expires
   */
  String accessToken(boolean forcePassword) throws AdminClientOptions.MissingTokenException, IOException,
      InterruptedException {
    if (!forcePassword) {
      HttpResponse<String> device = post(endpoint("auth/device"), Map.of("client_id", clientId));
      if (device.statusCode() == 200) {
        return pollDeviceGrant(json(device.body()));
      }
      String error = errorOf(device);
      if (!error.equals("unauthorized_client") && !error.equals("invalid_client") && device.statusCode() != 404) {
        throw new AdminClientOptions.MissingTokenException(
            "Keycloak refused to start the sign-in (HTTP " + device.statusCode() + " " + error + ")");
      }
      out.println("Client " + clientId + " does not allow sign-in on another device; asking for your password instead.");
      out.flush();
    }
    return passwordGrant();
  }

  private String pollDeviceGrant(JsonNode device) throws AdminClientOptions.MissingTokenException, IOException,
      InterruptedException {
    String deviceCode = device.path("device_code").asText();
    Duration interval = Duration.ofSeconds(Math.max(1, device.path("interval").asLong(5)));
    long expiresIn = device.path("expires_in").asLong(600);
    String complete = device.path("verification_uri_complete").asText("");
    out.println("To sign in, open this address in a browser (on any device) and confirm:");
    out.println("  " + (complete.isEmpty() ? device.path("verification_uri").asText() : complete));
    out.println("Or open " + device.path("verification_uri").asText() + " and enter the code "
        + device.path("user_code").asText() + ". Waiting up to " + (expiresIn / 60) + " minutes...");
    out.flush();
    long deadline = System.nanoTime() + Duration.ofSeconds(expiresIn).toNanos();
    while (System.nanoTime() < deadline) {
      sleeper.sleep(interval);
      HttpResponse<String> token = post(endpoint("token"),
          Map.of("grant_type", DEVICE_GRANT, "client_id", clientId, "device_code", deviceCode));
      if (token.statusCode() == 200) {
        return accessTokenOf(token);
      }
      switch (errorOf(token)) {
        case "authorization_pending" -> { }
        case "slow_down" -> interval = interval.plus(SLOW_DOWN);
        case "access_denied" -> throw new AdminClientOptions.MissingTokenException("sign-in was denied in the browser");
        case "expired_token" -> throw new AdminClientOptions.MissingTokenException("the sign-in code expired; run the command again");
        default -> throw new AdminClientOptions.MissingTokenException(
            "sign-in failed (HTTP " + token.statusCode() + " " + errorOf(token) + ")");
      }
    }
    throw new AdminClientOptions.MissingTokenException("the sign-in code expired; run the command again");
  }

  private String passwordGrant() throws AdminClientOptions.MissingTokenException, IOException, InterruptedException {
    String username;
    char[] password;
    try {
      username = prompt.line("Username or email: ");
      password = prompt.secret("Password: ");
    } catch (IllegalStateException e) {
      throw new AdminClientOptions.MissingTokenException(e.getMessage()
          + " (use --token-file with the local admin token and --user, or run this in a terminal)");
    }
    if (username == null || username.isBlank() || password == null) {
      throw new AdminClientOptions.MissingTokenException("sign-in cancelled");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", clientId);
    form.put("username", username.strip());
    form.put("password", new String(password));
    Arrays.fill(password, '\0');
    HttpResponse<String> token = post(endpoint("token"), form);
    if (token.statusCode() == 200) {
      return accessTokenOf(token);
    }
    String error = errorOf(token);
    throw new AdminClientOptions.MissingTokenException(switch (error) {
      case "invalid_grant" -> "sign-in refused: wrong username or password, or the account needs a second factor"
          + " (then sign in on another device: ask your admin to allow the device grant on client " + clientId + ")";
      case "unauthorized_client", "invalid_client" -> "client " + clientId + " allows neither sign-in on another device"
          + " nor a password; ask your admin, or use the local admin token with --user";
      default -> "sign-in failed (HTTP " + token.statusCode() + " " + error + ")";
    });
  }

  private URI endpoint(String path) {
    return URI.create(issuer + "/protocol/openid-connect/" + path);
  }

  private HttpResponse<String> post(URI uri, Map<String, String> form) throws IOException, InterruptedException {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    try {
      return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new AdminClient.UnreachableException("cannot reach Keycloak at " + issuer + " (see --issuer)", e);
    }
  }

  private static String accessTokenOf(HttpResponse<String> response) throws IOException,
      AdminClientOptions.MissingTokenException {
    String token = json(response.body()).path("access_token").asText("");
    if (token.isEmpty()) {
      throw new AdminClientOptions.MissingTokenException("Keycloak answered without an access token");
    }
    return token;
  }

  private static String errorOf(HttpResponse<String> response) {
    try {
      return json(response.body()).path("error").asText("");
    } catch (IOException notJson) {
      return "";
    }
  }

  private static JsonNode json(String body) throws IOException {
    JsonNode node = JSON.readTree(body);
    return node == null ? JSON.createObjectNode() : node;
  }
}
