package eu.sovereignmail.identity.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK {@link HttpServer} standing in for the realm's token and JWKS endpoints: password grants for a few
 * users, access tokens signed with an RSA key generated here, on a free loopback port.
 */
final class FakeKeycloak implements AutoCloseable {
  static final String CLIENT_ID = "sovereign-gateway";
  static final String CLIENT_SECRET = "gateway-secret-for-tests";

  record User(String username, String email, String password, Set<String> roles) {}

  private final Clock clock;
  private final HttpServer server;
  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final List<JWK> published = new ArrayList<>();
  private final AtomicInteger tokenCalls = new AtomicInteger();
  private final AtomicInteger jwksCalls = new AtomicInteger();
  private volatile RSAKey signingKey;
  private volatile int forcedStatus;

  FakeKeycloak(Clock clock) throws IOException {
    this.clock = clock;
    rotateKey("k1");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/realms/sovereign/protocol/openid-connect/token", this::token);
    server.createContext("/realms/sovereign/protocol/openid-connect/certs", this::certs);
    server.start();
  }

  URI issuer() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/realms/sovereign");
  }

  /** The defaults for this server: TTL 5 min, grace 12 h, JWKS refresh at most every 30 s, lockout after 5/20. */
  IdentitySettings settings() {
    return IdentitySettings.defaults(issuer(), CLIENT_ID, CLIENT_SECRET);
  }

  /** The defaults with other throttle limits (e.g. high ones for tests that fail on purpose many times). */
  IdentitySettings settings(int loginFailureLimit, int ipFailureLimit) {
    IdentitySettings d = settings();
    return new IdentitySettings(d.issuer(), d.clientId(), d.clientSecret(), d.cacheTtl(), d.outageGrace(),
        d.connectTimeout(), d.requestTimeout(), d.clockSkew(), d.jwksMinRefresh(), loginFailureLimit, ipFailureLimit,
        d.lockout(), d.baseDelay(), d.maxDelay());
  }

  void addUser(String username, String email, String password, Set<String> roles) {
    users.put(username, new User(username, email, password, roles));
  }

  /** Generates a new signing key with this id and publishes it beside the older ones. */
  void rotateKey(String keyId) {
    try {
      signingKey = new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    synchronized (published) {
      published.add(signingKey.toPublicJWK());
    }
  }

  RSAKey signingKey() {
    return signingKey;
  }

  /** Answers every token request with this status (0: normal behaviour). */
  void forceStatus(int status) {
    forcedStatus = status;
  }

  int tokenCalls() {
    return tokenCalls.get();
  }

  int jwksCalls() {
    return jwksCalls.get();
  }

  /** Claims as Keycloak puts them in an access token of {@code username} for the gateway client. */
  JWTClaimsSet.Builder claims(String username, String email, Set<String> roles) {
    Date now = Date.from(clock.instant());
    return new JWTClaimsSet.Builder()
        .issuer(issuer().toString())
        .audience(List.of(CLIENT_ID, "account"))
        .subject("id-" + username)
        .issueTime(now)
        .expirationTime(Date.from(clock.instant().plus(Duration.ofMinutes(5))))
        .claim("azp", CLIENT_ID)
        .claim("typ", "Bearer")
        .claim("preferred_username", username)
        .claim("email", email)
        .claim("realm_access", Map.of("roles", List.copyOf(roles)));
  }

  /** Signs {@code claims} with the current key, RS256, as Keycloak does. */
  String sign(JWTClaimsSet claims) {
    return sign(claims, signingKey);
  }

  static String sign(JWTClaimsSet claims, RSAKey key) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void token(HttpExchange exchange) throws IOException {
    tokenCalls.incrementAndGet();
    if (forcedStatus != 0) {
      respond(exchange, forcedStatus, "{\"error\":\"server_error\"}");
      return;
    }
    Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
      respond(exchange, 401, "{\"error\":\"unauthorized_client\"}");
      return;
    }
    String login = form.getOrDefault("username", "");
    User user = users.values().stream()
        .filter(u -> u.username().equalsIgnoreCase(login) || u.email().equalsIgnoreCase(login))
        .findFirst().orElse(null);
    if (!"password".equals(form.get("grant_type")) || user == null || !user.password().equals(form.get("password"))) {
      respond(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}");
      return;
    }
    String token = sign(claims(user.username(), user.email(), user.roles()).build());
    respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":300,\"token_type\":\"Bearer\"}");
  }

  private void certs(HttpExchange exchange) throws IOException {
    jwksCalls.incrementAndGet();
    String body;
    synchronized (published) {
      body = new JWKSet(List.copyOf(published)).toString();
    }
    respond(exchange, 200, body);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
