package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.gateway.http.admin.BearerVerifier;
import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import eu.sovereignmail.gateway.http.admin.internal.Json;
import eu.sovereignmail.identity.auth.Principal;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call {@code /api/archive}: a Keycloak access token (for the gateway or the archive UI client) or the legal
 * UI's session cookie (plus its CSRF token on anything but GET/HEAD), of a user with a legal role. Wraps every
 * handler, so none can forget the check; refusals and failures are JSON errors.
 */
public final class ArchiveAccess {
  /** The header a browser session sends its CSRF token in on mutating API calls. */
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveAccess.class);
  private static final String CHALLENGE = "Bearer realm=\"sovereign-mail-archive\"";

  private final BearerVerifier tokens;
  private final BrowserSessions sessions;

  /**
   * @param tokens verifies Keycloak access tokens whose audience is the gateway or the archive UI client
   * @param sessions the UI's sessions ({@link BrowserSessions#NONE} without a UI)
   */
  public ArchiveAccess(BearerVerifier tokens, BrowserSessions sessions) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
  }

  /** What an archive endpoint does once the caller is known and allowed. */
  @FunctionalInterface
  public interface Action {
    void handle(Context ctx, ArchiveCaller caller) throws Exception;
  }

  /** {@code action} for callers with any of the legal roles. */
  public Handler guard(Action action) {
    return guard(Set.of(ArchiveRoles.LEGAL, ArchiveRoles.LEGAL_ADMIN), action);
  }

  /** {@code action} for callers holding at least one of {@code roles} (e.g. only {@code legal-admin}). */
  public Handler guard(Set<String> roles, Action action) {
    Set<String> allowed = Set.copyOf(roles);
    return ctx -> {
      try {
        ArchiveCaller caller = authenticate(ctx, allowed);
        try {
          action.handle(ctx, caller);
        } catch (ApiError | QueryProblem e) {
          throw e;
        } catch (Exception e) {
          var answer = ArchiveFailures.answer(e);
          if (answer.isPresent()) {
            LOG.info("event=archive.api.refused reason=archive status={} user={} method={} path={} error={}",
                answer.get().status(), caller.username(), ctx.method(), ctx.path(), e.getClass().getSimpleName());
            throw answer.get();
          }
          LOG.error("event=archive.api.request_failed method={} path={} user={}", ctx.method(), ctx.path(),
              caller.username(), e);
          Json.error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
        }
      } catch (QueryProblem e) {
        Json.respond(ctx, 400, e.body());
      } catch (ApiError e) {
        Json.error(ctx, e.status(), e.getMessage());
      }
    };
  }

  /** The allowed caller, or an {@link ApiError}: 401 without valid credentials, 403 without the role. */
  public ArchiveCaller authenticate(Context ctx, Set<String> allowed) {
    Principal principal = principal(ctx);
    if (allowed.stream().noneMatch(principal::hasRole)) {
      LOG.info("event=archive.api.refused reason=forbidden user={} ip={} method={} path={}",
          principal.username(), ctx.ip(), ctx.method(), ctx.path());
      throw new ApiError(403, "one of the roles " + allowed.stream().sorted().toList() + " is required");
    }
    return new ArchiveCaller(principal, ctx.ip());
  }

  private Principal principal(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
        throw refuse(ctx, "a bearer token is required", "malformed");
      }
      return verify(header.substring(7).strip())
          .orElseThrow(() -> refuse(ctx, "invalid or expired token", "invalid"));
    }
    Optional<Principal> session = sessions.principal(ctx);
    if (session.isPresent()) {
      boolean safe = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
      if (!safe && !sessions.csrfValid(ctx, ctx.header(CSRF_HEADER))) {
        LOG.info("event=archive.api.refused reason=csrf user={} ip={} method={} path={}",
            session.get().username(), ctx.ip(), ctx.method(), ctx.path());
        throw new ApiError(403, "a browser session must send its CSRF token in " + CSRF_HEADER);
      }
      return session.get();
    }
    throw refuse(ctx, "a bearer token (Keycloak access token) or a legal UI session is required", "missing");
  }

  private Optional<Principal> verify(String token) {
    try {
      return tokens.verify(token);
    } catch (RuntimeException e) {
      LOG.warn("event=archive.api.token_check_failed error={}", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private static ApiError refuse(Context ctx, String message, String reason) {
    LOG.info("event=archive.api.refused reason={} ip={} method={} path={}", reason, ctx.ip(), ctx.method(), ctx.path());
    ctx.header("WWW-Authenticate", CHALLENGE + ("invalid".equals(reason) ? ", error=\"invalid_token\"" : ""));
    return new ApiError(401, message);
  }
}
