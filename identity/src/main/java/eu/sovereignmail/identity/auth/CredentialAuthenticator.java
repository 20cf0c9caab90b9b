package eu.sovereignmail.identity.auth;

import eu.sovereignmail.identity.apppassword.AppPassword;
import eu.sovereignmail.identity.apppassword.AppPasswords;
import eu.sovereignmail.identity.auth.internal.AccessTokenVerifier;
import eu.sovereignmail.identity.auth.internal.CredentialCache;
import eu.sovereignmail.identity.auth.internal.GrantOutcome;
import eu.sovereignmail.identity.auth.internal.JwksKeys;
import eu.sovereignmail.identity.auth.internal.Throttle;
import eu.sovereignmail.identity.auth.internal.TokenCheck;
import eu.sovereignmail.identity.auth.internal.TokenEndpoint;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the credentials of IMAP/SMTP logins against Keycloak: passwords by a direct grant on the gateway's
 * confidential client (cached as salted hashes, usable through a Keycloak outage for a grace period), bearer
 * tokens locally against the realm's JWKS; both throttled per login and per client address. Users whose Keycloak
 * login needs MFA use per-device app passwords instead, checked locally ({@link AppPasswords}). Thread-safe; one per
 * gateway.
 */
public final class CredentialAuthenticator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialAuthenticator.class);
  /** How long a revocation is remembered against bearer tokens issued before it (far beyond any token lifetime). */
  private static final Duration REVOCATION_MEMORY = Duration.ofDays(1);

  private final IdentitySettings settings;
  private final Clock clock;
  private final HttpClient http;
  private final TokenEndpoint tokenEndpoint;
  private final AccessTokenVerifier verifier;
  private final CredentialCache cache = new CredentialCache();
  private final Throttle throttle;
  private final ConcurrentMap<String, Instant> revokedAt = new ConcurrentHashMap<>();
  private final List<RevocationListener> listeners = new CopyOnWriteArrayList<>();
  private final Optional<AppPasswords> appPasswords;

  public CredentialAuthenticator(IdentitySettings settings) {
    this(settings, Optional.empty(), Clock.systemUTC());
  }

  /**
   * An authenticator that also accepts the app passwords of {@code appPasswords} on the password path (IMAP and SMTP);
   * {@link #revoke} then revokes the user's app passwords too. The store stays the caller's to close.
   */
  public CredentialAuthenticator(IdentitySettings settings, AppPasswords appPasswords) {
    this(settings, Optional.of(Objects.requireNonNull(appPasswords, "appPasswords")), Clock.systemUTC());
  }

  CredentialAuthenticator(IdentitySettings settings, Clock clock) {
    this(settings, Optional.empty(), clock);
  }

  CredentialAuthenticator(IdentitySettings settings, Optional<AppPasswords> appPasswords, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.appPasswords = Objects.requireNonNull(appPasswords, "appPasswords");
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.tokenEndpoint = new TokenEndpoint(
        http, settings.tokenEndpoint(), settings.clientId(), settings.clientSecret(), settings.requestTimeout());
    JwksKeys keys = new JwksKeys(http, settings.jwksEndpoint(), settings.requestTimeout(), settings.jwksMinRefresh(), clock);
    this.verifier = new AccessTokenVerifier(keys, settings.issuer().toString(), settings.clientId(), settings.clockSkew(), clock);
    this.throttle = new Throttle(settings.loginFailureLimit(), settings.ipFailureLimit(), settings.lockout(),
        settings.baseDelay(), settings.maxDelay(), clock);
  }

  /**
   * Checks a password login ({@code login} is a username or an email). Within the cache TTL a password that
   * Keycloak accepted before is accepted without asking it; then, if the login has app passwords and the password has
   * their shape, they are checked locally; otherwise Keycloak decides, and when it cannot be reached a cached password
   * still works for the outage grace.
   */
  public AuthResult authenticatePassword(String login, String password, String clientIp) {
    return guarded("password", login, password, clientIp, (key, address) -> checkPassword(key, login, password, address));
  }

  /**
   * Checks a bearer login (XOAUTH2 / OAUTHBEARER): the token must be a valid access token of the realm for the
   * gateway client, and belong to {@code login}. Checked locally; Keycloak is asked only for unknown keys.
   */
  public AuthResult authenticateBearer(String login, String token, String clientIp) {
    return guarded("bearer", login, token, clientIp, (key, address) -> checkBearer(key, login, token, address));
  }

  /**
   * Checks an access token presented to an HTTP API (signature, expiry, issuer, audience, revocation) without a login
   * to match: the caller decides from the principal's roles. Empty when the token is not valid now.
   */
  public Optional<Principal> verifyAccessToken(String token) {
    return verifyAccessToken(token, Set.of(settings.clientId()));
  }

  /**
   * As {@link #verifyAccessToken(String)}, for an API that accepts tokens issued to any of {@code clients} (client
   * ids of the realm, e.g. the gateway's and the legal UI's public client).
   */
  public Optional<Principal> verifyAccessToken(String token, Set<String> clients) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    return switch (verifier.verify(token, null, Set.copyOf(clients))) {
      case TokenCheck.Valid valid -> revokedSince(valid.principal().username(), valid.issuedAt())
          ? Optional.empty() : Optional.of(valid.principal());
      case TokenCheck.Invalid invalid -> {
        LOG.info("event=identity.auth.api_token_rejected reason={}", invalid.reason());
        yield Optional.empty();
      }
      case TokenCheck.KeysUnavailable unavailable -> {
        LOG.warn("event=identity.auth.unavailable kind=api_token reason={}", unavailable.reason());
        yield Optional.empty();
      }
    };
  }

  /**
   * Revokes {@code username} at once (Keycloak says disabled or deleted): its cached passwords are dropped,
   * bearer tokens issued until now are refused, its app passwords are revoked for good (a re-enabled user makes new
   * ones), and the registered listeners are told.
   */
  public void revoke(String username) {
    Objects.requireNonNull(username, "username");
    String user = username.toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    revokedAt.values().removeIf(at -> at.isBefore(now.minus(REVOCATION_MEMORY)));
    revokedAt.put(user, now);
    int dropped = cache.removeUser(user);
    int appPasswordsRevoked = appPasswords.map(store -> store.revokeAll(user, "revocation")).orElse(0);
    LOG.info("event=identity.auth.revoked user={} cache_entries_dropped={} app_passwords_revoked={}",
        printable(user), dropped, appPasswordsRevoked);
    for (RevocationListener listener : listeners) {
      try {
        listener.revoked(user);
      } catch (RuntimeException e) {
        LOG.error("event=identity.auth.revocation_listener_failed user={} listener={}",
            printable(user), listener.getClass().getName(), e);
      }
    }
  }

  public void addRevocationListener(RevocationListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeRevocationListener(RevocationListener listener) {
    listeners.remove(listener);
  }

  public IdentitySettings settings() {
    return settings;
  }

  @Override
  public void close() {
    http.close();
  }

  private AuthResult checkPassword(String key, String login, String password, String address) {
    Instant now = clock.instant();
    Optional<CredentialCache.Entry> cached = cache.matching(key, password);
    if (cached.isPresent() && now.isBefore(cached.get().verifiedAt().plus(settings.cacheTtl()))) {
      return accept("password", key, address, cached.get().principal(), "cache");
    }
    Optional<AppPassword> appPassword = appPasswords.flatMap(store -> store.verify(key, password));
    if (appPassword.isPresent()) {
      return acceptAppPassword(key, address, appPassword.get());
    }
    GrantOutcome outcome = tokenEndpoint.passwordGrant(login, password);
    return switch (outcome) {
      case GrantOutcome.Granted granted -> afterGrant(key, login, password, address, granted.accessToken(), cached);
      case GrantOutcome.Refused refused -> {
        cached.ifPresent(entry -> cache.remove(key, entry));
        yield reject("password", key, address, "keycloak " + refused.status() + " " + refused.error());
      }
      case GrantOutcome.Unreachable unreachable -> unavailable(key, address, unreachable.reason(), cached);
    };
  }

  /**
   * An app password matched: it stands for its user unless the user was revoked after it was made (revocations reach
   * the store too; this covers the moment between the two). The principal carries no realm roles: an app password
   * opens mail sessions, never the HTTP side.
   */
  private AuthResult acceptAppPassword(String key, String address, AppPassword appPassword) {
    String user = appPassword.account().username();
    Instant revoked = revokedAt.get(user);
    if (revoked != null && !appPassword.createdAt().isAfter(revoked)) {
      return reject("password", key, address, "user revoked");
    }
    Principal principal = new Principal(user, appPassword.account().email(), Set.of());
    LOG.debug("event=identity.auth.app_password_used id={} user={}", appPassword.id(), printable(user));
    return accept("password", key, address, principal, "app-password");
  }

  private AuthResult checkBearer(String key, String login, String token, String address) {
    return switch (verifier.verify(token, login)) {
      case TokenCheck.Valid valid -> {
        if (revokedSince(valid.principal().username(), valid.issuedAt())) {
          yield reject("bearer", key, address, "issued before revocation");
        }
        yield accept("bearer", key, address, valid.principal(), "token");
      }
      case TokenCheck.Invalid invalid -> reject("bearer", key, address, invalid.reason());
      case TokenCheck.KeysUnavailable unavailable -> {
        LOG.warn("event=identity.auth.unavailable kind=bearer login={} ip={} reason={}",
            printable(key), printable(address), unavailable.reason());
        yield new AuthResult.TemporarilyUnavailable("signing keys unavailable");
      }
    };
  }

  /** The checks common to both kinds of login: empty credentials are a failure, a locked login or address a refusal. */
  private AuthResult guarded(String kind, String login, String credential, String clientIp,
      BiFunction<String, String, AuthResult> check) {
    String key = keyOf(login);
    String address = address(clientIp);
    if (key.isEmpty() || credential == null || credential.isEmpty()) {
      return reject(kind, key, address, "empty credentials");
    }
    if (throttle.isLocked(key, address)) {
      return locked(kind, key, address);
    }
    return check.apply(key, address);
  }

  private AuthResult afterGrant(String key, String login, String password, String address, String accessToken,
      Optional<CredentialCache.Entry> cached) {
    return switch (verifier.verify(accessToken, login)) {
      case TokenCheck.Valid valid -> {
        revokedAt.remove(valid.principal().username().toLowerCase(Locale.ROOT));
        cache.removeOlderThan(clock.instant().minus(settings.outageGrace()));
        cache.put(key, password, valid.principal(), clock.instant());
        yield accept("password", key, address, valid.principal(), "keycloak");
      }
      case TokenCheck.KeysUnavailable unavailable -> unavailable(key, address, unavailable.reason(), cached);
      case TokenCheck.Invalid invalid -> {
        // Keycloak accepted the password but its token does not fit the settings (issuer, audience, keys).
        LOG.error("event=identity.auth.granted_token_invalid login={} reason={}", printable(key), invalid.reason());
        yield new AuthResult.TemporarilyUnavailable("identity provider answer not verifiable");
      }
    };
  }

  private AuthResult unavailable(String key, String address, String reason, Optional<CredentialCache.Entry> cached) {
    Instant now = clock.instant();
    if (cached.isPresent() && now.isBefore(cached.get().verifiedAt().plus(settings.outageGrace()))) {
      LOG.warn("event=identity.auth.grace login={} ip={} reason={} verified_at={}",
          printable(key), printable(address), reason, cached.get().verifiedAt());
      return accept("password", key, address, cached.get().principal(), "grace");
    }
    LOG.warn("event=identity.auth.unavailable kind=password login={} ip={} reason={} cached={}",
        printable(key), printable(address), reason, cached.isPresent());
    return new AuthResult.TemporarilyUnavailable("identity provider unreachable");
  }

  private AuthResult accept(String kind, String key, String address, Principal principal, String source) {
    throttle.recordSuccess(key);
    LOG.info("event=identity.auth.ok kind={} login={} user={} ip={} source={}",
        kind, printable(key), principal.username(), printable(address), source);
    return new AuthResult.Authenticated(principal);
  }

  private AuthResult reject(String kind, String key, String address, String reason) {
    Duration delay = throttle.recordFailure(key, address);
    LOG.info("event=identity.auth.rejected kind={} login={} ip={} reason={} delay_ms={}",
        kind, printable(key), printable(address), printable(reason), delay.toMillis());
    return new AuthResult.Rejected(delay);
  }

  private AuthResult locked(String kind, String key, String address) {
    LOG.info("event=identity.auth.locked kind={} login={} ip={}", kind, printable(key), printable(address));
    return new AuthResult.Rejected(throttle.currentDelay(key, address));
  }

  private boolean revokedSince(String username, Instant issuedAt) {
    Instant at = revokedAt.get(username.toLowerCase(Locale.ROOT));
    return at != null && !issuedAt.isAfter(at);
  }

  private static String keyOf(String login) {
    return login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
  }

  private static String address(String clientIp) {
    return clientIp == null || clientIp.isBlank() ? "unknown" : clientIp;
  }

  /** Logins are typed by clients: control characters are replaced so that a log line stays one line. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), 128));
    text.codePoints().limit(128).forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == ' ' ? '_' : c));
    return out.toString();
  }
}
