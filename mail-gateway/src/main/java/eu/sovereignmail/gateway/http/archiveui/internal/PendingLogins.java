package eu.sovereignmail.gateway.http.archiveui.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Sign-ins under way: per OIDC {@code state}, the PKCE verifier, the browser binding (a cookie value, so a callback
 * URL cannot be replayed into another browser) and where to go afterwards. Single use, ten minutes, bounded.
 */
public final class PendingLogins {
  /** How long a sign-in may take at Keycloak. */
  public static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final int MAX = 10_000;

  /** One sign-in under way. */
  public record Pending(String state, String verifier, String binding, String returnTo, Instant createdAt) {}

  private final ConcurrentMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final Clock clock;

  public PendingLogins(Clock clock) {
    this.clock = clock;
  }

  /** A new sign-in returning to {@code returnTo}; empty when too many are under way (a flood). */
  public Optional<Pending> begin(String returnTo) {
    Instant now = clock.instant();
    if (pending.size() >= MAX) {
      pending.values().removeIf(p -> expired(p, now));
      if (pending.size() >= MAX) {
        return Optional.empty();
      }
    }
    Pending login = new Pending(Secrets.random(), Secrets.random(), Secrets.random(), returnTo, now);
    pending.put(login.state(), login);
    return Optional.of(login);
  }

  /** Takes the sign-in of {@code state} if it is fresh and {@code binding} is its browser's; it is gone either way. */
  public Optional<Pending> take(String state, String binding) {
    if (state == null) {
      return Optional.empty();
    }
    Pending login = pending.remove(state);
    if (login == null || expired(login, clock.instant()) || !Secrets.same(login.binding(), binding)) {
      return Optional.empty();
    }
    return Optional.of(login);
  }

  private static boolean expired(Pending login, Instant now) {
    return !now.isBefore(login.createdAt().plus(LIFETIME));
  }
}
