package eu.sovereignmail.gateway.http.admin;

import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import eu.sovereignmail.gateway.http.admin.internal.Json;
import eu.sovereignmail.identity.auth.Principal;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call the admin API: a bearer that is either the local admin token or a Keycloak access token with the
 * {@value #ROLE} realm role. Wraps every admin handler, so none can forget the check, and turns refusals and
 * failures into JSON errors.
 */
public final class AdminAuth {
  /** The realm role that grants the admin API. */
  public static final String ROLE = "mail-admin";
  /** The actor recorded for calls made with the local admin token. */
  public static final String LOCAL_ADMIN = "local-admin";

  private static final Logger LOG = LoggerFactory.getLogger(AdminAuth.class);
  private static final String CHALLENGE = "Bearer realm=\"sovereign-mail\"";

  private final AdminToken localToken;
  private final BearerVerifier keycloak;

  public AdminAuth(AdminToken localToken, BearerVerifier keycloak) {
    this.localToken = Objects.requireNonNull(localToken, "localToken");
    this.keycloak = Objects.requireNonNull(keycloak, "keycloak");
  }

  /** What an admin endpoint does once the caller is known to be an admin; {@code actor} names them for audits. */
  @FunctionalInterface
  public interface Action {
    void handle(Context ctx, String actor) throws Exception;
  }

  /** {@code action} behind the admin check, with {@link ApiError}s and failures answered as JSON errors. */
  public Handler guard(Action action) {
    return ctx -> {
      Optional<String> actor = authenticate(ctx);
      if (actor.isEmpty()) {
        return;
      }
      try {
        action.handle(ctx, actor.get());
      } catch (ApiError e) {
        Json.error(ctx, e.status(), e.getMessage());
      } catch (Exception e) {
        LOG.error("event=admin.request_failed method={} path={} actor={}", ctx.method(), ctx.path(), actor.get(), e);
        Json.error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
      }
    };
  }

  /** The caller's name, or empty after answering 401/403. */
  private Optional<String> authenticate(Context ctx) throws Exception {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
      refuse(ctx, 401, CHALLENGE, "a bearer token is required (local admin token or Keycloak access token)", "missing", "-");
      return Optional.empty();
    }
    String token = header.substring(7).strip();
    if (localToken.matches(token)) {
      return Optional.of(LOCAL_ADMIN);
    }
    Optional<Principal> principal = verify(token);
    if (principal.isEmpty()) {
      refuse(ctx, 401, CHALLENGE + ", error=\"invalid_token\"", "invalid or expired token", "invalid", "-");
      return Optional.empty();
    }
    if (!principal.get().hasRole(ROLE)) {
      refuse(ctx, 403, null, "the " + ROLE + " role is required", "forbidden", principal.get().username());
      return Optional.empty();
    }
    return Optional.of(principal.get().username());
  }

  private Optional<Principal> verify(String token) {
    try {
      return keycloak.verify(token);
    } catch (RuntimeException e) {
      LOG.warn("event=admin.token_check_failed error={}", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private static void refuse(Context ctx, int status, String challenge, String message, String reason, String user)
      throws Exception {
    LOG.info("event=admin.refused reason={} user={} ip={} method={} path={}",
        reason, user, ctx.ip(), ctx.method(), ctx.path());
    if (challenge != null) {
      ctx.header("WWW-Authenticate", challenge);
    }
    Json.error(ctx, status, message);
  }
}
