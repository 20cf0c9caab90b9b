package eu.sovereignmail.gateway.http.archiveui.internal;

import eu.sovereignmail.gateway.http.archive.BrowserSessions;
import eu.sovereignmail.identity.auth.Principal;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legal UI's server-side sessions: a random id in an HttpOnly cookie, the verified principal, a CSRF token, the
 * ID token (to end the Keycloak session at logout), idle and absolute expiry. Nothing about the user lives in the
 * browser. Revoking a user (disabled or deleted in Keycloak) ends their sessions at once.
 */
public final class UiSessions implements BrowserSessions {
  public static final String COOKIE = "sm_archive";
  private static final Logger LOG = LoggerFactory.getLogger(UiSessions.class);
  private static final int MAX = 10_000;

  /** One signed-in browser. */
  public static final class Session {
    private final String id;
    private final Principal principal;
    private final String csrfToken;
    private final String idToken;
    private final Instant createdAt;
    private volatile Instant lastSeen;

    Session(String id, Principal principal, String csrfToken, String idToken, Instant createdAt) {
      this.id = id;
      this.principal = principal;
      this.csrfToken = csrfToken;
      this.idToken = idToken;
      this.createdAt = createdAt;
      this.lastSeen = createdAt;
    }

    public String id() {
      return id;
    }

    public Principal principal() {
      return principal;
    }

    public String csrfToken() {
      return csrfToken;
    }

    public String idToken() {
      return idToken;
    }
  }

  private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final Duration idle;
  private final Duration absolute;
  private final Clock clock;

  public UiSessions(Duration idle, Duration absolute, Clock clock) {
    this.idle = idle;
    this.absolute = absolute;
    this.clock = clock;
  }

  /** A new session for {@code principal}; empty when the store is full of live sessions. */
  public Optional<Session> create(Principal principal, String idToken) {
    Instant now = clock.instant();
    if (sessions.size() >= MAX) {
      sessions.values().removeIf(s -> expired(s, now));
      if (sessions.size() >= MAX) {
        return Optional.empty();
      }
    }
    Session session = new Session(Secrets.random(), principal, Secrets.random(), idToken, now);
    sessions.put(session.id(), session);
    LOG.info("event=archive.ui.session_start user={} roles={}", principal.username(), principal.realmRoles());
    return Optional.of(session);
  }

  /** The live session named by the request's cookie; touching it restarts its idle time. */
  public Optional<Session> find(Context ctx) {
    String id = ctx.cookie(COOKIE);
    if (id == null) {
      return Optional.empty();
    }
    Session session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(session, now)) {
      sessions.remove(id, session);
      LOG.info("event=archive.ui.session_expired user={}", session.principal().username());
      return Optional.empty();
    }
    session.lastSeen = now;
    return Optional.of(session);
  }

  /** Ends {@code session}. */
  public void end(Session session) {
    if (sessions.remove(session.id(), session)) {
      LOG.info("event=archive.ui.session_end user={}", session.principal().username());
    }
  }

  /** Ends every session of {@code username}; returns how many. */
  public int revoke(String username) {
    String user = username.toLowerCase(Locale.ROOT);
    int[] ended = {0};
    sessions.values().removeIf(s -> {
      boolean match = s.principal().username().toLowerCase(Locale.ROOT).equals(user);
      if (match) {
        ended[0]++;
      }
      return match;
    });
    if (ended[0] > 0) {
      LOG.info("event=archive.ui.sessions_revoked user={} count={}", user, ended[0]);
    }
    return ended[0];
  }

  @Override
  public Optional<Principal> principal(Context ctx) {
    return find(ctx).map(Session::principal);
  }

  @Override
  public boolean csrfValid(Context ctx, String token) {
    return find(ctx).map(s -> Secrets.same(s.csrfToken(), token)).orElse(false);
  }

  private boolean expired(Session session, Instant now) {
    return !now.isBefore(session.lastSeen.plus(idle)) || !now.isBefore(session.createdAt.plus(absolute));
  }
}
