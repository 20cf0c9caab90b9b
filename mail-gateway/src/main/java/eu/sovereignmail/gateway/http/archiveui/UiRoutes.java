package eu.sovereignmail.gateway.http.archiveui;

import eu.sovereignmail.gateway.http.admin.internal.ApiError;
import eu.sovereignmail.gateway.http.archive.ArchiveCaller;
import eu.sovereignmail.gateway.http.archive.ArchiveFailures;
import eu.sovereignmail.gateway.http.archiveui.internal.Layout;
import eu.sovereignmail.gateway.http.archiveui.internal.UiSessions;
import eu.sovereignmail.identity.auth.Principal;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How UI sections register pages: every page is behind sign-in (an anonymous GET is sent to Keycloak), the section's
 * roles (else a 403 page), and for POST forms a valid CSRF token (else 403); every answer carries the strict security
 * headers; failures become error pages, never stack traces.
 */
public final class UiRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(UiRoutes.class);

  private final JavalinDefaultRoutingApi routes;
  private final UiSessions sessions;
  private final List<NavLink> nav;
  private final BiConsumer<Context, String> signIn;

  UiRoutes(JavalinDefaultRoutingApi routes, UiSessions sessions, List<NavLink> nav,
      BiConsumer<Context, String> signIn) {
    this.routes = routes;
    this.sessions = sessions;
    this.nav = List.copyOf(nav);
    this.signIn = signIn;
  }

  /** A GET page for holders of any of {@code roles}. */
  public void page(String path, Set<String> roles, UiPage page) {
    routes.get(path, handler(roles, page, false));
  }

  /** A POST form handler for holders of any of {@code roles}; the form must carry the session's CSRF token. */
  public void form(String path, Set<String> roles, UiPage page) {
    routes.post(path, handler(roles, page, true));
  }

  /** An empty page in the common layout, the navigation entry {@code current} marked; fill its {@code main}. */
  public Document layout(UiUser user, String title, String current) {
    return Layout.page(title, viewer(user), nav, current);
  }

  /** Sends {@code doc} as the answer. */
  public static void send(Context ctx, int status, Document doc) {
    ctx.status(status).contentType("text/html; charset=utf-8").result(doc.outerHtml());
  }

  private Handler handler(Set<String> roles, UiPage page, boolean post) {
    Set<String> allowed = Set.copyOf(roles);
    return ctx -> {
      Optional<UiSessions.Session> session = sessions.find(ctx);
      if (session.isEmpty()) {
        if (post) {
          send(ctx, 403, Layout.message("Session expired", "Your session has ended. Sign in again and repeat the "
              + "action.", null, nav));
        } else {
          signIn.accept(ctx, ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
        }
        return;
      }
      Principal principal = session.get().principal();
      UiUser user = new UiUser(new ArchiveCaller(principal, ctx.ip()), session.get().csrfToken());
      if (allowed.stream().noneMatch(principal::hasRole)) {
        LOG.info("event=archive.ui.refused reason=forbidden user={} ip={} path={}", principal.username(), ctx.ip(),
            ctx.path());
        send(ctx, 403, Layout.message("Access denied", "Your account " + principal.username()
            + " has none of the roles this page needs (" + String.join(", ", allowed.stream().sorted().toList())
            + "). Ask a legal administrator for access.", viewer(user), List.of()));
        return;
      }
      if (post && !sessions.csrfValid(ctx, ctx.formParam("csrf"))) {
        LOG.info("event=archive.ui.refused reason=csrf user={} ip={} path={}", principal.username(), ctx.ip(), ctx.path());
        send(ctx, 403, Layout.message("Request refused", "This form was not sent from your current session. Reload "
            + "the page and try again.", viewer(user), nav));
        return;
      }
      try {
        Document doc = page.render(ctx, user);
        if (doc != null) {
          send(ctx, ctx.statusCode(), doc);
        }
      } catch (Exception e) {
        Optional<ApiError> refusal = ArchiveFailures.answer(e);
        if (refusal.isPresent()) {
          int status = refusal.get().status();
          LOG.info("event=archive.ui.refused reason=archive status={} user={} path={} error={}", status,
              principal.username(), ctx.path(), e.getClass().getSimpleName());
          send(ctx, status, Layout.message(status == 404 ? "Not found" : status == 403 ? "Access denied"
              : "Cannot do that", refusal.get().getMessage(), viewer(user), nav));
          return;
        }
        LOG.error("event=archive.ui.request_failed path={} user={}", ctx.path(), principal.username(), e);
        send(ctx, 500, Layout.message("Something went wrong", "The archive could not answer ("
            + e.getClass().getSimpleName() + "). The error is in the gateway's log.", viewer(user), nav));
      }
    };
  }

  static Layout.Viewer viewer(UiUser user) {
    return new Layout.Viewer(user.caller().username(),
        user.caller().principal().realmRoles().stream().filter(r -> r.startsWith("legal")).sorted().toList(),
        user.csrfToken());
  }
}
