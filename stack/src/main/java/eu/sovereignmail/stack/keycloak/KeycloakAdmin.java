package eu.sovereignmail.stack.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few Keycloak admin-API calls the stack needs (users, roles, client secret, password grant), over
 * plain {@code java.net.http} and Jackson, so no Keycloak client library joins the gateway's class path.
 * Authenticates as a master-realm administrator through {@code admin-cli} and renews that token when it
 * expires. Thread-safe.
 */
public final class KeycloakAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(KeycloakAdmin.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration TOKEN_MARGIN = Duration.ofSeconds(15);
  private static final int PAGE = 100;

  private final URI baseUrl;
  private final String adminUser;
  private final String adminPassword;
  private final HttpClient http;
  private String adminToken;
  private Instant adminTokenExpiry = Instant.MIN;

  public KeycloakAdmin(URI baseUrl, String adminUser, String adminPassword) {
    String base = Objects.requireNonNull(baseUrl, "baseUrl").toString();
    this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.adminUser = Objects.requireNonNull(adminUser, "adminUser");
    this.adminPassword = Objects.requireNonNull(adminPassword, "adminPassword");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** An admin client for the server these settings describe, as its bootstrap administrator. */
  public static KeycloakAdmin of(KeycloakSettings settings) {
    return new KeycloakAdmin(settings.baseUrl(), settings.adminUser(), settings.adminPassword());
  }

  /**
   * Creates or updates {@code username} in {@code realm}: email, names, email verified, the password (not
   * temporary), and its directly assigned realm roles made exactly {@code realmRoles} (the realm's default
   * role is kept). A new user is enabled; an existing user's enabled state is left alone. Returns the id.
   */
  public String ensureUser(String realm, String username, String email, String firstName, String lastName,
      String password, Set<String> realmRoles) throws IOException {
    Objects.requireNonNull(password, "password");
    ObjectNode profile = JSON.createObjectNode()
        .put("username", username)
        .put("email", email)
        .put("firstName", firstName)
        .put("lastName", lastName)
        .put("emailVerified", true);
    Optional<KeycloakUser> existing = findUser(realm, username);
    String id;
    boolean created;
    if (existing.isEmpty()) {
      profile.put("enabled", true);
      profile.putArray("credentials").add(passwordCredential(password));
      HttpResponse<String> response = admin("POST", usersPath(realm), profile);
      expect(response, 201, "create user " + username + " in realm " + realm);
      String location = response.headers().firstValue("Location")
          .orElseThrow(() -> new KeycloakException("create user " + username + ": no Location header", 201, ""));
      id = location.substring(location.lastIndexOf('/') + 1);
      created = true;
    } else {
      id = existing.get().id();
      expect(admin("PUT", userPath(realm, id), profile), 204, "update user " + username + " in realm " + realm);
      expect(admin("PUT", userPath(realm, id) + "/reset-password", passwordCredential(password)), 204,
          "set password of " + username + " in realm " + realm);
      created = false;
    }
    RoleChange roles = assignRealmRoles(realm, id, realmRoles);
    LOG.info("event=keycloak.user.ensure realm={} username={} created={} roles={} roles_added={} roles_removed={}",
        realm, username, created, new TreeSet<>(realmRoles), roles.added(), roles.removed());
    return id;
  }

  /** Sets the secret of confidential client {@code clientId} (e.g. one generated at first run). */
  public void setClientSecret(String realm, String clientId, String secret) throws IOException {
    Objects.requireNonNull(secret, "secret");
    JsonNode clients = json(expect(admin("GET", realmPath(realm) + "/clients?clientId=" + encode(clientId), null), 200,
        "find client " + clientId + " in realm " + realm));
    if (clients.isEmpty()) {
      throw new KeycloakException("no client " + clientId + " in realm " + realm, 404, "");
    }
    ObjectNode client = (ObjectNode) clients.get(0);
    client.put("secret", secret);
    expect(admin("PUT", realmPath(realm) + "/clients/" + encode(client.path("id").asText()), client), 204,
        "set secret of client " + clientId + " in realm " + realm);
    LOG.info("event=keycloak.client.secret_set realm={} client={}", realm, clientId);
  }

  /**
   * Turns on the service account of confidential client {@code clientId} and gives it the {@code realm-management}
   * client roles {@code roles} (e.g. view-users, view-events), so that it can read the realm with a client-credentials
   * grant. Idempotent; for realms imported before the realm file asked for it.
   */
  public void ensureServiceAccount(String realm, String clientId, Set<String> roles) throws IOException {
    ObjectNode client = client(realm, clientId);
    String id = client.path("id").asText();
    if (!client.path("serviceAccountsEnabled").asBoolean(false)) {
      client.put("serviceAccountsEnabled", true);
      expect(admin("PUT", realmPath(realm) + "/clients/" + encode(id), client), 204,
          "enable the service account of client " + clientId + " in realm " + realm);
    }
    String userId = json(expect(admin("GET", realmPath(realm) + "/clients/" + encode(id) + "/service-account-user", null),
        200, "find the service account of client " + clientId)).path("id").asText();
    String management = client(realm, "realm-management").path("id").asText();
    String mappings = userPath(realm, userId) + "/role-mappings/clients/" + encode(management);
    Set<String> current = names(json(expect(admin("GET", mappings, null), 200, "read service account roles of " + clientId)));
    ArrayNode toAdd = JSON.createArrayNode();
    for (String role : new TreeSet<>(roles)) {
      if (!current.contains(role)) {
        toAdd.add(json(expect(admin("GET", realmPath(realm) + "/clients/" + encode(management) + "/roles/" + encode(role),
            null), 200, "find realm-management role " + role)));
      }
    }
    if (!toAdd.isEmpty()) {
      expect(admin("POST", mappings, toAdd), 204, "give the service account of " + clientId + " its roles");
    }
    LOG.info("event=keycloak.client.service_account realm={} client={} roles_added={}", realm, clientId, names(toAdd));
  }

  /**
   * Lets client {@code clientId} send browsers back to the application at {@code baseUrl} (e.g. the archive UI at
   * {@code https://mail.example.eu/archive/}): adds {@code <baseUrl>*} to its redirect URIs and to its post-logout
   * redirect URIs, and the URL's origin to its web origins, each unless already there. For a stack whose HTTP port
   * or public URL differs from what the realm file lists. Idempotent; returns whether the client was changed.
   *
   * @throws IllegalArgumentException unless {@code baseUrl} is an absolute http(s) URL
   */
  public boolean ensureRedirectUri(String realm, String clientId, URI baseUrl) throws IOException {
    ObjectNode client = client(realm, clientId);
    if (!addRedirect(client, baseUrl)) {
      return false;
    }
    expect(admin("PUT", realmPath(realm) + "/clients/" + encode(client.path("id").asText()), client), 204,
        "add redirect URI " + baseUrl + " to client " + clientId + " in realm " + realm);
    LOG.info("event=keycloak.client.redirect_added realm={} client={} url={}", realm, clientId, baseUrl);
    return true;
  }

  /** Post-logout redirect URIs live in one client attribute, separated by this. */
  private static final String URI_SEPARATOR = "##";

  /**
   * Adds {@code baseUrl}'s redirect pattern, post-logout pattern and origin to the client representation
   * {@code client}; returns whether anything was missing.
   */
  static boolean addRedirect(ObjectNode client, URI baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!baseUrl.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("a redirect base must be an absolute http(s) URL, was " + baseUrl);
    }
    String base = baseUrl.toString();
    String pattern = (base.endsWith("/") ? base : base + "/") + "*";
    String origin = scheme + "://" + baseUrl.getRawAuthority();
    boolean changed = false;

    ArrayNode redirects = client.withArrayProperty("redirectUris");
    if (!contains(redirects, pattern)) {
      redirects.add(pattern);
      changed = true;
    }
    ArrayNode origins = client.withArrayProperty("webOrigins");
    if (!contains(origins, origin) && !contains(origins, "+")) {
      origins.add(origin);
      changed = true;
    }
    ObjectNode attributes = client.withObjectProperty("attributes");
    String postLogout = attributes.path("post.logout.redirect.uris").asText("");
    List<String> logoutUris = postLogout.isEmpty() ? List.of() : List.of(postLogout.split(URI_SEPARATOR));
    if (!logoutUris.contains(pattern) && !logoutUris.contains("+")) {
      attributes.put("post.logout.redirect.uris", postLogout.isEmpty() ? pattern : postLogout + URI_SEPARATOR + pattern);
      changed = true;
    }
    return changed;
  }

  private static boolean contains(ArrayNode values, String value) {
    for (JsonNode node : values) {
      if (value.equals(node.asText())) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode client(String realm, String clientId) throws IOException {
    JsonNode clients = json(expect(admin("GET", realmPath(realm) + "/clients?clientId=" + encode(clientId), null), 200,
        "find client " + clientId + " in realm " + realm));
    if (clients.isEmpty()) {
      throw new KeycloakException("no client " + clientId + " in realm " + realm, 404, "");
    }
    return (ObjectNode) clients.get(0);
  }

  /**
   * A resource-owner password grant against {@code realm} for {@code clientId} ({@code clientSecret} null for
   * a public client). Throws {@link KeycloakException} when refused: Keycloak 26.7 answers a wrong password,
   * an unknown, disabled or locked-out user with 400 {@code invalid_grant} ({@link KeycloakException#isInvalidGrant()}),
   * a wrong client secret with 401 {@code unauthorized_client}.
   */
  public TokenResponse passwordGrant(String realm, String clientId, String clientSecret, String username, String password)
      throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", clientId);
    if (clientSecret != null) {
      form.put("client_secret", clientSecret);
    }
    form.put("username", username);
    form.put("password", password);
    HttpResponse<String> response = send(HttpRequest.newBuilder(tokenEndpoint(realm))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
        .build());
    return TokenResponse.from(json(expect(response, 200, "password grant for " + username + " in realm " + realm)));
  }

  /**
   * Adds event listener {@code listenerId} to {@code realm}'s listeners unless it is there already (a realm imported
   * before the listener existed does not list it). Keycloak refuses an id it has no provider for (HTTP 400). Returns
   * whether it was added.
   */
  public boolean ensureEventsListener(String realm, String listenerId) throws IOException {
    String path = realmPath(realm) + "/events/config";
    ObjectNode config = (ObjectNode) json(expect(admin("GET", path, null), 200, "read events config of realm " + realm));
    ArrayNode listeners = config.withArrayProperty("eventsListeners");
    for (JsonNode listener : listeners) {
      if (listenerId.equals(listener.asText())) {
        return false;
      }
    }
    listeners.add(listenerId);
    expect(admin("PUT", path, config), 204, "add event listener " + listenerId + " to realm " + realm);
    LOG.info("event=keycloak.events_listener_added realm={} listener={}", realm, listenerId);
    return true;
  }

  /** Disables {@code username}; returns false when there is no such user. */
  public boolean disableUser(String realm, String username) throws IOException {
    Optional<KeycloakUser> user = findUser(realm, username);
    if (user.isEmpty()) {
      return false;
    }
    ObjectNode change = JSON.createObjectNode().put("enabled", false);
    expect(admin("PUT", userPath(realm, user.get().id()), change), 204, "disable user " + username + " in realm " + realm);
    LOG.info("event=keycloak.user.disable realm={} username={}", realm, username);
    return true;
  }

  /** Deletes {@code username}; returns false when there is no such user. */
  public boolean deleteUser(String realm, String username) throws IOException {
    Optional<KeycloakUser> user = findUser(realm, username);
    if (user.isEmpty()) {
      return false;
    }
    expect(admin("DELETE", userPath(realm, user.get().id()), null), 204, "delete user " + username + " in realm " + realm);
    LOG.info("event=keycloak.user.delete realm={} username={}", realm, username);
    return true;
  }

  /** Every user of {@code realm}, page by page. */
  public List<KeycloakUser> listUsers(String realm) throws IOException {
    List<KeycloakUser> users = new ArrayList<>();
    for (int first = 0; ; first += PAGE) {
      JsonNode page = json(expect(admin("GET", usersPath(realm) + "?briefRepresentation=true&first=" + first + "&max=" + PAGE,
          null), 200, "list users of realm " + realm));
      page.forEach(node -> users.add(KeycloakUser.from(node)));
      if (page.size() < PAGE) {
        return List.copyOf(users);
      }
    }
  }

  /** The user named exactly {@code username}, if any. */
  public Optional<KeycloakUser> findUser(String realm, String username) throws IOException {
    JsonNode found = json(expect(admin("GET", usersPath(realm) + "?exact=true&username=" + encode(username), null), 200,
        "find user " + username + " in realm " + realm));
    for (JsonNode node : found) {
      if (username.equalsIgnoreCase(node.path("username").asText())) {
        return Optional.of(KeycloakUser.from(node));
      }
    }
    return Optional.empty();
  }

  /** Names of the realm roles directly assigned to {@code username} (empty when there is no such user). */
  public Set<String> userRealmRoles(String realm, String username) throws IOException {
    Optional<KeycloakUser> user = findUser(realm, username);
    return user.isEmpty() ? Set.of() : names(directRealmRoles(realm, user.get().id()));
  }

  /** Names of the roles defined in {@code realm}. */
  public Set<String> realmRoles(String realm) throws IOException {
    return names(json(expect(admin("GET", realmPath(realm) + "/roles", null), 200, "list roles of realm " + realm)));
  }

  /** Names of every realm of the server, in Keycloak's order (a name appears once per realm). */
  public List<String> realms() throws IOException {
    JsonNode realms = json(expect(admin("GET", "/admin/realms?briefRepresentation=true", null), 200, "list realms"));
    List<String> names = new ArrayList<>();
    realms.forEach(node -> names.add(node.path("realm").asText()));
    return List.copyOf(names);
  }

  private record RoleChange(Set<String> added, Set<String> removed) {}

  private RoleChange assignRealmRoles(String realm, String userId, Set<String> wanted) throws IOException {
    String mappings = userPath(realm, userId) + "/role-mappings/realm";
    JsonNode current = directRealmRoles(realm, userId);
    Set<String> currentNames = names(current);
    String defaultRole = "default-roles-" + realm.toLowerCase(Locale.ROOT);
    ArrayNode toAdd = JSON.createArrayNode();
    for (String role : new TreeSet<>(wanted)) {
      if (!currentNames.contains(role)) {
        toAdd.add(json(expect(admin("GET", realmPath(realm) + "/roles/" + encode(role), null), 200,
            "find realm role " + role + " in realm " + realm)));
      }
    }
    ArrayNode toRemove = JSON.createArrayNode();
    for (JsonNode role : current) {
      String name = role.path("name").asText();
      if (!wanted.contains(name) && !name.equals(defaultRole)) {
        toRemove.add(role);
      }
    }
    if (!toAdd.isEmpty()) {
      expect(admin("POST", mappings, toAdd), 204, "add realm roles to user " + userId + " in realm " + realm);
    }
    if (!toRemove.isEmpty()) {
      expect(admin("DELETE", mappings, toRemove), 204, "remove realm roles from user " + userId + " in realm " + realm);
    }
    return new RoleChange(names(toAdd), names(toRemove));
  }

  private JsonNode directRealmRoles(String realm, String userId) throws IOException {
    return json(expect(admin("GET", userPath(realm, userId) + "/role-mappings/realm", null), 200,
        "read realm roles of user " + userId + " in realm " + realm));
  }

  private static Set<String> names(JsonNode roles) {
    Set<String> names = new LinkedHashSet<>();
    roles.forEach(role -> names.add(role.path("name").asText()));
    return Set.copyOf(names);
  }

  private static ObjectNode passwordCredential(String password) {
    return JSON.createObjectNode().put("type", "password").put("value", password).put("temporary", false);
  }

  /** An admin-API call with a valid administrator token; renews the token once if Keycloak refuses it. */
  private HttpResponse<String> admin(String method, String path, JsonNode body) throws IOException {
    HttpResponse<String> response = send(adminRequest(method, path, body, adminToken(false)));
    if (response.statusCode() == 401) {
      response = send(adminRequest(method, path, body, adminToken(true)));
    }
    return response;
  }

  private HttpRequest adminRequest(String method, String path, JsonNode body, String token) throws IOException {
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .method(method, publisher);
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    return builder.build();
  }

  private synchronized String adminToken(boolean renew) throws IOException {
    if (renew || adminToken == null || Instant.now().isAfter(adminTokenExpiry)) {
      TokenResponse token = passwordGrant("master", "admin-cli", null, adminUser, adminPassword);
      adminToken = token.accessToken();
      adminTokenExpiry = Instant.now().plus(token.expiresIn()).minus(TOKEN_MARGIN);
      LOG.debug("event=keycloak.admin.token url={} expires_in_s={}", baseUrl, token.expiresIn().toSeconds());
    }
    return adminToken;
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted calling Keycloak at " + request.uri().getPath(), e);
    }
  }

  /** Returns the body when the status is {@code expected}; otherwise throws with Keycloak's error code (not the body). */
  private static String expect(HttpResponse<String> response, int expected, String what) throws KeycloakException {
    if (response.statusCode() == expected) {
      return response.body();
    }
    JsonNode error = errorOf(response.body());
    String code = error.path("error").asText(error.path("errorMessage").asText(""));
    String description = error.path("error_description").asText("");
    String detail = Stream.of(code, description).filter(text -> !text.isBlank()).collect(Collectors.joining(": "));
    throw new KeycloakException(
        what + ": HTTP " + response.statusCode() + (detail.isEmpty() ? "" : " (" + detail + ")"), response.statusCode(), code);
  }

  private static JsonNode errorOf(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.isObject() ? node : JSON.createObjectNode();
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }

  private URI tokenEndpoint(String realm) {
    return URI.create(baseUrl + "/realms/" + encode(realm) + "/protocol/openid-connect/token");
  }

  private static String realmPath(String realm) {
    return "/admin/realms/" + encode(realm);
  }

  private static String usersPath(String realm) {
    return realmPath(realm) + "/users";
  }

  private static String userPath(String realm, String id) {
    return usersPath(realm) + "/" + encode(id);
  }

  private static String formEncode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
