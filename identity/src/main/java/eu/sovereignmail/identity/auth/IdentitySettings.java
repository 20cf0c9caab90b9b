package eu.sovereignmail.identity.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the gateway checks credentials against Keycloak: the realm, the gateway's confidential client, cache
 * lifetimes, timeouts and throttle limits. Immutable; validated when built, with messages naming the key.
 *
 * @param issuer the realm's issuer, e.g. {@code http://127.0.0.1:8180/realms/sovereign} (no trailing slash)
 * @param clientId the gateway's confidential client ({@code sovereign-gateway})
 * @param clientSecret its secret (never logged, hidden by {@link #toString()})
 * @param cacheTtl how long a verified password is accepted without asking Keycloak
 * @param outageGrace how long after its last successful verification a cached password keeps working while
 *     Keycloak is unreachable
 * @param connectTimeout connection timeout towards Keycloak
 * @param requestTimeout whole-request timeout towards Keycloak
 * @param clockSkew tolerance on {@code exp} and {@code nbf} of tokens
 * @param jwksMinRefresh least time between two JWKS fetches caused by unknown key ids
 * @param loginFailureLimit failures of one login after which it is locked out
 * @param ipFailureLimit failures from one client address after which it is locked out
 * @param lockout how long a lockout lasts after the last failure (failures older than that are forgotten)
 * @param baseDelay reply delay after the first failure; doubles with each further failure
 * @param maxDelay the largest reply delay
 */
public record IdentitySettings(
    URI issuer,
    String clientId,
    String clientSecret,
    Duration cacheTtl,
    Duration outageGrace,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration clockSkew,
    Duration jwksMinRefresh,
    int loginFailureLimit,
    int ipFailureLimit,
    Duration lockout,
    Duration baseDelay,
    Duration maxDelay) {

  public static final String DEFAULT_CLIENT_ID = "sovereign-gateway";

  public IdentitySettings {
    issuer = requireIssuer(issuer);
    requireText("identity.client-id", clientId);
    requireText("identity.client-secret", clientSecret);
    requirePositive("identity.cache-ttl", cacheTtl);
    requirePositive("identity.outage-grace", outageGrace);
    if (outageGrace.compareTo(cacheTtl) < 0) {
      throw new IllegalArgumentException("identity.outage-grace must not be shorter than identity.cache-ttl");
    }
    requirePositive("identity.connect-timeout", connectTimeout);
    requirePositive("identity.request-timeout", requestTimeout);
    Objects.requireNonNull(clockSkew, "identity.clock-skew");
    if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("identity.clock-skew must be between 0 and 5 minutes, was " + clockSkew);
    }
    requirePositive("identity.jwks-min-refresh", jwksMinRefresh);
    requireLimit("identity.throttle.login-failures", loginFailureLimit);
    requireLimit("identity.throttle.ip-failures", ipFailureLimit);
    requirePositive("identity.throttle.lockout", lockout);
    Objects.requireNonNull(baseDelay, "identity.throttle.base-delay");
    if (baseDelay.isNegative()) {
      throw new IllegalArgumentException("identity.throttle.base-delay must not be negative");
    }
    Objects.requireNonNull(maxDelay, "identity.throttle.max-delay");
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("identity.throttle.max-delay must not be shorter than identity.throttle.base-delay");
    }
  }

  /**
   * Production defaults: cache 5 min, grace 12 h, connect 2 s, request 5 s, clock skew 30 s, JWKS refresh at most
   * every 30 s, lockout after 5 failures of a login or 20 of an address for 15 min, delays 250 ms doubling up to 8 s.
   */
  public static IdentitySettings defaults(URI issuer, String clientId, String clientSecret) {
    return new IdentitySettings(issuer, clientId, clientSecret, Duration.ofMinutes(5), Duration.ofHours(12),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30), 5, 20,
        Duration.ofMinutes(15), Duration.ofMillis(250), Duration.ofSeconds(8));
  }

  /** The realm's token endpoint (direct grants). */
  public URI tokenEndpoint() {
    return URI.create(issuer + "/protocol/openid-connect/token");
  }

  /** The realm's JWKS (signing keys of its tokens). */
  public URI jwksEndpoint() {
    return URI.create(issuer + "/protocol/openid-connect/certs");
  }

  @Override
  public String toString() {
    return "IdentitySettings[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=***, cacheTtl=" + cacheTtl
        + ", outageGrace=" + outageGrace + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
        + ", clockSkew=" + clockSkew + ", jwksMinRefresh=" + jwksMinRefresh + ", loginFailureLimit=" + loginFailureLimit
        + ", ipFailureLimit=" + ipFailureLimit + ", lockout=" + lockout + ", baseDelay=" + baseDelay
        + ", maxDelay=" + maxDelay + "]";
  }

  private static URI requireIssuer(URI issuer) {
    Objects.requireNonNull(issuer, "identity.issuer");
    String scheme = issuer.getScheme();
    if (!issuer.isAbsolute() || issuer.getHost() == null
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException("identity.issuer must be an absolute http(s) URI, was: " + issuer);
    }
    if (issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
      throw new IllegalArgumentException("identity.issuer must have no query or fragment, was: " + issuer);
    }
    String text = issuer.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : issuer;
  }

  private static void requireText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " must not be blank");
    }
  }

  private static void requirePositive(String key, Duration value) {
    Objects.requireNonNull(value, key);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, was " + value);
    }
  }

  private static void requireLimit(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, was " + value);
    }
  }
}
