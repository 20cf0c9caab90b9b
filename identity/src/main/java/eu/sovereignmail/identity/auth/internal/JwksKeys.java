package eu.sovereignmail.identity.auth.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realm's signing keys, fetched from its JWKS endpoint and kept; refetched when a token names an unknown
 * key id, at most once per {@code minRefresh}, so that forged key ids cannot hammer Keycloak. Thread-safe: known
 * keys are looked up without waiting for a fetch in progress.
 */
public final class JwksKeys {
  private static final Logger LOG = LoggerFactory.getLogger(JwksKeys.class);

  private final HttpClient http;
  private final URI endpoint;
  private final Duration requestTimeout;
  private final Duration minRefresh;
  private final Clock clock;
  private volatile JWKSet keys = new JWKSet();
  private Instant lastFetch = Instant.MIN;

  public JwksKeys(HttpClient http, URI endpoint, Duration requestTimeout, Duration minRefresh, Clock clock) {
    this.http = http;
    this.endpoint = endpoint;
    this.requestTimeout = requestTimeout;
    this.minRefresh = minRefresh;
    this.clock = clock;
  }

  /**
   * The key with this id: from the kept set, else from a fresh fetch (rate limited). Empty when the realm has
   * no such key.
   *
   * @throws IOException when the keys are needed but Keycloak cannot be reached
   */
  public Optional<JWK> find(String keyId) throws IOException {
    JWK known = keys.getKeyByKeyId(keyId);
    return known != null ? Optional.of(known) : refreshFor(keyId);
  }

  /** Fetches the key set again for an unknown key id; serialised, so that a burst of such tokens makes one fetch. */
  private synchronized Optional<JWK> refreshFor(String keyId) throws IOException {
    JWK known = keys.getKeyByKeyId(keyId);
    if (known != null) {
      return Optional.of(known);
    }
    Instant now = clock.instant();
    if (!lastFetch.equals(Instant.MIN) && now.isBefore(lastFetch.plus(minRefresh))) {
      LOG.debug("event=identity.jwks.refresh_skipped kid={}", keyId);
      return Optional.empty();
    }
    lastFetch = now;
    keys = fetch();
    LOG.info("event=identity.jwks.fetched keys={} kid_wanted={}", keys.size(), keyId);
    return Optional.ofNullable(keys.getKeyByKeyId(keyId));
  }

  private JWKSet fetch() throws IOException {
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(requestTimeout).GET().build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching the JWKS", e);
    } catch (IOException e) {
      throw new IOException("JWKS endpoint unreachable (" + e.getClass().getSimpleName() + ")", e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("JWKS endpoint answered " + response.statusCode());
    }
    try {
      return JWKSet.parse(response.body());
    } catch (ParseException e) {
      throw new IOException("JWKS endpoint answered an unreadable key set", e);
    }
  }
}
