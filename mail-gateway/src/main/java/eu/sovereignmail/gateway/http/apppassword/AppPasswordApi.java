package eu.sovereignmail.gateway.http.apppassword;

import eu.sovereignmail.gateway.http.HttpModule;
import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import eu.sovereignmail.gateway.http.admin.internal.Json;
import eu.sovereignmail.gateway.http.apppassword.internal.AppPasswordViews;
import eu.sovereignmail.identity.apppassword.Account;
import eu.sovereignmail.identity.apppassword.AppPasswordException;
import eu.sovereignmail.identity.apppassword.AppPasswords;
import eu.sovereignmail.identity.apppassword.IssuedAppPassword;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/app-passwords}: list, create (the secret is in the answer, once) and revoke per-device app passwords
 * for IMAP and SMTP. A user acts on their own with their Keycloak access token; an admin on anyone's with
 * {@code ?user=} (see {@link AppPasswordAccess}).
 */
public final class AppPasswordApi implements HttpModule {
  public static final String PATH = "/api/app-passwords";
  private static final Logger LOG = LoggerFactory.getLogger(AppPasswordApi.class);

  private final AppPasswords store;
  private final AppPasswordAccess access;

  public AppPasswordApi(AppPasswords store, AppPasswordAccess access) {
    this.store = Objects.requireNonNull(store, "store");
    this.access = Objects.requireNonNull(access, "access");
  }

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.get(PATH, handle(this::list));
    routes.post(PATH, handle(this::create));
    routes.delete(PATH + "/{id}", handle(this::revoke));
  }

  private void list(Context ctx, AppPasswordAccess.Decision who) throws Exception {
    Json.respond(ctx, 200, new AppPasswordViews.Listing(who.username(),
        store.list(who.username()).stream().map(AppPasswordViews::listed).toList()));
  }

  private void create(Context ctx, AppPasswordAccess.Decision who) throws Exception {
    Account account = who.account().orElseThrow(() -> ApiError.notFound("unknown user " + who.username()
        + ": no such account in the realm (or it is disabled)"));
    AppPasswordViews.Create body = Json.body(ctx, AppPasswordViews.Create.class);
    IssuedAppPassword issued = store.create(account, body.label(), who.actor());
    LOG.info("event=app_password.api.created id={} user={} actor={} ip={}",
        issued.info().id(), account.username(), who.actor(), ctx.ip());
    Json.respond(ctx, 201, AppPasswordViews.created(issued));
  }

  private void revoke(Context ctx, AppPasswordAccess.Decision who) {
    String id = ctx.pathParam("id");
    if (!store.revoke(who.username(), id, who.actor())) {
      throw ApiError.notFound("no active app password " + id + " of " + who.username());
    }
    LOG.info("event=app_password.api.revoked id={} user={} actor={} ip={}", id, who.username(), who.actor(), ctx.ip());
    ctx.status(204);
  }

  @FunctionalInterface
  private interface Action {
    void handle(Context ctx, AppPasswordAccess.Decision who) throws Exception;
  }

  /** {@code action} behind the access decision, with refusals and failures answered as JSON errors. */
  private Handler handle(Action action) {
    return ctx -> {
      try {
        action.handle(ctx, access.decide(ctx));
      } catch (ApiError e) {
        Json.error(ctx, e.status(), e.getMessage());
      } catch (AppPasswordException e) {
        switch (e.reason()) {
          case INVALID_LABEL -> Json.error(ctx, 400, e.getMessage());
          case LIMIT_REACHED -> Json.error(ctx, 409, e.getMessage());
          case STORAGE -> {
            LOG.error("event=app_password.api.storage_failed method={} path={} reason=\"{}\"",
                ctx.method(), ctx.path(), e.getMessage());
            Json.error(ctx, 503, "app passwords cannot be changed right now (database unavailable)");
          }
        }
      } catch (Exception e) {
        LOG.error("event=app_password.api.request_failed method={} path={}", ctx.method(), ctx.path(), e);
        Json.error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
      }
    };
  }
}
