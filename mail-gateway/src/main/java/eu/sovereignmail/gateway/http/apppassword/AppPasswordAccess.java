package eu.sovereignmail.gateway.http.apppassword;

import eu.sovereignmail.gateway.http.admin.AdminAuth;
import eu.sovereignmail.gateway.http.admin.AdminToken;
import eu.sovereignmail.gateway.http.admin.BearerVerifier;
import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import eu.sovereignmail.identity.apppassword.Account;
import eu.sovereignmail.identity.apppassword.AccountLookup;
import eu.sovereignmail.identity.apppassword.AppPasswords;
import eu.sovereignmail.identity.auth.Principal;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whose app passwords a request may touch: a user with a Keycloak access token their own; a {@value
 * AdminAuth#ROLE} or the local admin token anyone's, named by {@code ?user=}. Kept apart from {@link AdminAuth},
 * which lets admins only.
 */
public final class AppPasswordAccess {
  private static final Logger LOG = LoggerFactory.getLogger(AppPasswordAccess.class);
  private static final String CHALLENGE = "Bearer realm=\"sovereign-mail\"";

  private final AdminToken localToken;
  private final BearerVerifier keycloak;
  private final AccountLookup accounts;
  private final AppPasswords store;

  public AppPasswordAccess(AdminToken localToken, BearerVerifier keycloak, AccountLookup accounts, AppPasswords store) {
    this.localToken = Objects.requireNonNull(localToken, "localToken");
    this.keycloak = Objects.requireNonNull(keycloak, "keycloak");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * Who is asking and for whom.
   *
   * @param actor recorded as creator or revoker: the caller's username or {@value AdminAuth#LOCAL_ADMIN}
   * @param username the target user's (lower-case) username
   * @param account the target's full account, when known (needed to create)
   */
  public record Decision(String actor, String username, Optional<Account> account) {}

  /** The decision, or an {@link ApiError} 401 (no or bad token), 403 (someone else's without the role), 400 or 404. */
  public Decision decide(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
      throw refuse(ctx, 401, "a bearer token is required (your Keycloak access token, or the local admin token)", "missing", "-");
    }
    String token = header.substring(7).strip();
    String asked = Optional.ofNullable(ctx.queryParam("user")).map(u -> u.strip().toLowerCase(Locale.ROOT))
        .filter(u -> !u.isEmpty()).orElse(null);
    if (localToken.matches(token)) {
      if (asked == null) {
        throw ApiError.badRequest("the local admin token acts for someone: give ?user=");
      }
      return forOther(AdminAuth.LOCAL_ADMIN, asked);
    }
    Principal principal = verify(token).orElseThrow(() -> refuse(ctx, 401, "invalid or expired token", "invalid", "-"));
    Account own = new Account(principal.username(), principal.email());
    if (asked == null || own.isNamedBy(asked)) {
      return new Decision(own.username(), own.username(), Optional.of(own));
    }
    if (!principal.hasRole(AdminAuth.ROLE)) {
      throw refuse(ctx, 403, "only a " + AdminAuth.ROLE + " may manage another user's app passwords", "forbidden",
          principal.username());
    }
    return forOther(own.username(), asked);
  }

  private Decision forOther(String actor, String asked) {
    Optional<Account> account = accounts.find(asked).or(() -> store.account(asked));
    if (account.isPresent()) {
      return new Decision(actor, account.get().username(), account);
    }
    return new Decision(actor, asked, Optional.empty());
  }

  private Optional<Principal> verify(String token) {
    try {
      return keycloak.verify(token);
    } catch (RuntimeException e) {
      LOG.warn("event=app_password.api.token_check_failed error={}", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private static ApiError refuse(Context ctx, int status, String message, String reason, String user) {
    LOG.info("event=app_password.api.refused reason={} user={} ip={} method={} path={}",
        reason, user, ctx.ip(), ctx.method(), ctx.path());
    if (status == 401) {
      ctx.header("WWW-Authenticate", CHALLENGE + ("invalid".equals(reason) ? ", error=\"invalid_token\"" : ""));
    }
    return new ApiError(status, message);
  }
}
