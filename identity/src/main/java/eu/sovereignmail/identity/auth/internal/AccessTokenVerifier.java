package eu.sovereignmail.identity.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import eu.sovereignmail.identity.auth.Principal;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a Keycloak access token locally: RS256/ES256 signature by a realm key, {@code exp}/{@code nbf} with a
 * small skew, issuer, audience (or {@code azp}) of the gateway client, and that it belongs to the given login.
 * Thread-safe.
 */
public final class AccessTokenVerifier {
  private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
  /** Key ids as Keycloak makes them; anything else is refused before it reaches a log line or a JWKS fetch. */
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._~+/=-]{1,128}");

  private final JwksKeys keys;
  private final String issuer;
  private final String clientId;
  private final Duration clockSkew;
  private final Clock clock;

  public AccessTokenVerifier(JwksKeys keys, String issuer, String clientId, Duration clockSkew, Clock clock) {
    this.keys = keys;
    this.issuer = issuer;
    this.clientId = clientId;
    this.clockSkew = clockSkew;
    this.clock = clock;
  }

  /**
   * Checks {@code token} for {@code login} (a username or an email, compared without case); a null login accepts the
   * token of any user (the admin API, which then looks at the token's roles).
   */
  public TokenCheck verify(String token, String login) {
    return verify(token, login, Set.of(clientId));
  }

  /**
   * As {@link #verify(String, String)}, accepting a token whose audience (or {@code azp}) is any of {@code clients}
   * (an HTTP API that also serves the realm's browser client).
   */
  public TokenCheck verify(String token, String login, Set<String> clients) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      return new TokenCheck.Invalid("unparsable");
    }
    JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
    if (!ALLOWED.contains(alg)) {
      return new TokenCheck.Invalid("algorithm not allowed");
    }
    String keyId = jwt.getHeader().getKeyID();
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      return new TokenCheck.Invalid("no usable key id");
    }
    Optional<JWK> key;
    try {
      key = keys.find(keyId);
    } catch (IOException e) {
      return new TokenCheck.KeysUnavailable("jwks: " + e.getMessage());
    }
    if (key.isEmpty()) {
      return new TokenCheck.Invalid("unknown key id");
    }
    try {
      Optional<JWSVerifier> verifier = verifierFor(alg, key.get());
      if (verifier.isEmpty()) {
        return new TokenCheck.Invalid("key does not fit the algorithm");
      }
      if (!jwt.verify(verifier.get())) {
        return new TokenCheck.Invalid("bad signature");
      }
    } catch (JOSEException e) {
      return new TokenCheck.Invalid("signature check failed");
    }
    return checkClaims(claims, login, clients);
  }

  private TokenCheck checkClaims(JWTClaimsSet claims, String login, Set<String> clients) {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null || !now.isBefore(exp.toInstant().plus(clockSkew))) {
      return new TokenCheck.Invalid("expired");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && now.isBefore(nbf.toInstant().minus(clockSkew))) {
      return new TokenCheck.Invalid("not yet valid");
    }
    if (!issuer.equals(claims.getIssuer())) {
      return new TokenCheck.Invalid("issuer");
    }
    List<String> audience = claims.getAudience();
    String azp = stringClaim(claims, "azp");
    if (audience.stream().noneMatch(clients::contains) && (azp == null || !clients.contains(azp))) {
      return new TokenCheck.Invalid("audience");
    }
    String typ = stringClaim(claims, "typ");
    if (typ != null && !"Bearer".equalsIgnoreCase(typ)) {
      return new TokenCheck.Invalid("not an access token");
    }
    String username = stringClaim(claims, "preferred_username");
    String email = stringClaim(claims, "email");
    if (username == null || username.isBlank()) {
      return new TokenCheck.Invalid("no preferred_username");
    }
    String wanted = login == null ? null : login.toLowerCase(Locale.ROOT);
    boolean sameUser = wanted == null || wanted.equals(username.toLowerCase(Locale.ROOT))
        || (email != null && wanted.equals(email.toLowerCase(Locale.ROOT)));
    if (!sameUser) {
      return new TokenCheck.Invalid("token of another user");
    }
    Date iat = claims.getIssueTime();
    return new TokenCheck.Valid(new Principal(username, email, realmRoles(claims)),
        iat == null ? Instant.MIN : iat.toInstant());
  }

  private static Optional<JWSVerifier> verifierFor(JWSAlgorithm alg, JWK key) throws JOSEException {
    if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
      return Optional.empty();
    }
    if (key.getAlgorithm() != null && !alg.equals(key.getAlgorithm())) {
      return Optional.empty();
    }
    if (JWSAlgorithm.RS256.equals(alg) && key instanceof RSAKey rsa) {
      return Optional.of(new RSASSAVerifier(rsa.toRSAPublicKey()));
    }
    if (JWSAlgorithm.ES256.equals(alg) && key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
      return Optional.of(new ECDSAVerifier(ec.toECPublicKey()));
    }
    return Optional.empty();
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    return value instanceof String s ? s : null;
  }

  private static Set<String> realmRoles(JWTClaimsSet claims) {
    Set<String> roles = new LinkedHashSet<>();
    if (claims.getClaim("realm_access") instanceof Map<?, ?> access && access.get("roles") instanceof List<?> list) {
      for (Object role : list) {
        if (role instanceof String s) {
          roles.add(s);
        }
      }
    }
    return roles;
  }
}
