package eu.sovereignmail.gateway.http.archiveui;

import eu.sovereignmail.gateway.http.HttpModule;
import eu.sovereignmail.gateway.http.admin.BearerVerifier;
import eu.sovereignmail.gateway.http.archive.ArchiveReader;
import eu.sovereignmail.gateway.http.archive.BrowserSessions;
import eu.sovereignmail.gateway.http.archiveui.internal.Layout;
import eu.sovereignmail.gateway.http.archiveui.internal.OidcClient;
import eu.sovereignmail.gateway.http.archiveui.internal.PendingLogins;
import eu.sovereignmail.gateway.http.archiveui.internal.SearchSection;
import eu.sovereignmail.gateway.http.archiveui.internal.UiSessions;
import eu.sovereignmail.identity.auth.Principal;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legal team's browser UI at {@code /archive/}: sign-in through Keycloak (authorization code + PKCE S256 as the
 * public client), server-side sessions, strict security headers on every answer, and the pages of its
 * {@link UiSection}s (search and messages built in; later sections are passed in). Pages are rendered on the server
 * with jsoup's DOM; the static files are one stylesheet and one small script (export progress, optional).
 */
public final class ArchiveUi implements HttpModule, AutoCloseable {
  /** The headers on every answer under {@code /archive}: nothing inline, nothing remote, no framing, no referrer. */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; "
      + "style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveUi.class);
  private static final String LOGIN_COOKIE = "sm_archive_login";
  private static final String STYLESHEET = "/eu/sovereignmail/gateway/http/archiveui/archive.css";
  private static final String PROGRESS_SCRIPT = "/eu/sovereignmail/gateway/http/archiveui/export-progress.js";

  private final ArchiveUiSettings settings;
  private final BearerVerifier tokens;
  private final List<UiSection> sections;
  private final UiSessions sessions;
  private final PendingLogins logins;
  private final OidcClient oidc;
  private final byte[] stylesheet;
  private final byte[] progressScript;

  /**
   * @param tokens verifies the access token the code exchange returns (audience {@code sovereign-archive-ui})
   * @param reader the archive as the search and message pages read it
   * @param more further sections (cases, holds, exports, approvals, audit), after search in the navigation
   */
  public ArchiveUi(ArchiveUiSettings settings, BearerVerifier tokens, ArchiveReader reader, List<UiSection> more,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    List<UiSection> all = new ArrayList<>();
    all.add(new SearchSection(Objects.requireNonNull(reader, "reader")));
    all.addAll(more);
    this.sections = List.copyOf(all);
    this.sessions = new UiSessions(settings.idleTimeout(), settings.absoluteTimeout(), clock);
    this.logins = new PendingLogins(clock);
    this.oidc = new OidcClient(settings);
    this.stylesheet = resource(STYLESHEET);
    this.progressScript = resource(PROGRESS_SCRIPT);
  }

  /** The sessions as the archive API checks them (cookie, CSRF header). */
  public BrowserSessions sessions() {
    return sessions;
  }

  /** Ends every UI session of {@code username} (disabled or deleted in Keycloak). */
  public void revoke(String username) {
    sessions.revoke(username);
  }

  @Override
  public void mount(JavalinDefaultRoutingApi routes) {
    routes.before("/archive", ArchiveUi::securityHeaders);
    routes.before("/archive/*", ArchiveUi::securityHeaders);
    routes.get("/archive/static/archive.css", ctx -> ctx.contentType("text/css; charset=utf-8")
        .header("Cache-Control", "no-cache").result(stylesheet));
    routes.get(Layout.PROGRESS_SCRIPT, ctx -> ctx.contentType("text/javascript; charset=utf-8")
        .header("Cache-Control", "no-cache").result(progressScript));
    routes.get("/archive/login", ctx -> signIn(ctx, ctx.queryParam("return")));
    routes.get("/archive/callback", this::callback);
    routes.post("/archive/logout", this::logout);
    routes.get("/archive/signed-out", ctx -> UiRoutes.send(ctx, 200, signedOut()));
    List<NavLink> nav = sections.stream().map(UiSection::nav).toList();
    UiRoutes uiRoutes = new UiRoutes(routes, sessions, nav, this::signIn);
    sections.forEach(section -> section.mount(uiRoutes));
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "no-store");
  }

  /** Sends the browser to Keycloak's sign-in; afterwards it comes back to {@code returnTo} (a UI path). */
  private void signIn(Context ctx, String returnTo) {
    Optional<PendingLogins.Pending> login = logins.begin(safeReturn(returnTo));
    if (login.isEmpty()) {
      UiRoutes.send(ctx, 503, Layout.message("Try again shortly", "Too many sign-ins are under way.", null, List.of()));
      return;
    }
    cookie(ctx, LOGIN_COOKIE, login.get().binding(), (int) PendingLogins.LIFETIME.toSeconds());
    ctx.redirect(oidc.authorizationUrl(login.get()).toString());
  }

  private void callback(Context ctx) {
    Optional<PendingLogins.Pending> login = logins.take(ctx.queryParam("state"), ctx.cookie(LOGIN_COOKIE));
    cookie(ctx, LOGIN_COOKIE, "", 0);
    if (login.isEmpty()) {
      LOG.info("event=archive.ui.login_refused reason=state ip={}", ctx.ip());
      UiRoutes.send(ctx, 400, startAgain("Sign-in expired", "This sign-in has expired or was started in another "
          + "browser window."));
      return;
    }
    String error = ctx.queryParam("error");
    String code = ctx.queryParam("code");
    if (error != null || code == null) {
      LOG.info("event=archive.ui.login_refused reason=keycloak error={} ip={}",
          error == null ? "no_code" : error.replaceAll("[^A-Za-z0-9_.-]", ""), ctx.ip());
      UiRoutes.send(ctx, 401, startAgain("Not signed in", "Keycloak did not sign you in."));
      return;
    }
    OidcClient.Tokens issued;
    try {
      issued = oidc.exchange(code, login.get().verifier());
    } catch (OidcClient.ExchangeFailed e) {
      LOG.warn("event=archive.ui.login_failed reason=\"{}\" ip={}", e.getMessage(), ctx.ip());
      UiRoutes.send(ctx, 502, startAgain("Sign-in failed", "The identity provider could not complete the sign-in."));
      return;
    }
    Optional<Principal> principal = verify(issued.accessToken());
    if (principal.isEmpty()) {
      LOG.warn("event=archive.ui.login_failed reason=token_invalid ip={}", ctx.ip());
      UiRoutes.send(ctx, 401, startAgain("Sign-in failed", "The identity provider's token was not accepted."));
      return;
    }
    sessions.find(ctx).ifPresent(sessions::end);
    Optional<UiSessions.Session> session = sessions.create(principal.get(), issued.idToken());
    if (session.isEmpty()) {
      UiRoutes.send(ctx, 503, Layout.message("Try again shortly", "Too many sessions are open.", null, List.of()));
      return;
    }
    cookie(ctx, UiSessions.COOKIE, session.get().id(), -1);
    LOG.info("event=archive.ui.login user={} ip={}", principal.get().username(), ctx.ip());
    ctx.redirect(login.get().returnTo(), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    Optional<UiSessions.Session> session = sessions.find(ctx);
    if (session.isEmpty()) {
      ctx.redirect("/archive/signed-out", io.javalin.http.HttpStatus.SEE_OTHER);
      return;
    }
    if (!sessions.csrfValid(ctx, ctx.formParam("csrf"))) {
      LOG.info("event=archive.ui.refused reason=csrf user={} path={}", session.get().principal().username(), ctx.path());
      UiRoutes.send(ctx, 403, Layout.message("Request refused", "This form was not sent from your current session.",
          null, List.of()));
      return;
    }
    sessions.end(session.get());
    cookie(ctx, UiSessions.COOKIE, "", 0);
    UiRoutes.send(ctx, 200, signingOut(oidc.logoutUrl(session.get().idToken()).toString()));
  }

  /**
   * The answer to the sign-out form: the local session is gone; the page moves on to Keycloak's end-session endpoint
   * by itself (a document navigation: {@code form-action 'self'} forbids a form submission from being redirected to
   * another origin), with a link for browsers that do not follow refreshes.
   */
  private static org.jsoup.nodes.Document signingOut(String keycloakLogout) {
    org.jsoup.nodes.Document doc = Layout.message("Signing out", "You are signed out of the archive. Ending your "
        + "session at the identity provider…", null, List.of());
    doc.head().appendElement("meta").attr("http-equiv", "refresh").attr("content", "0;url=" + keycloakLogout);
    Layout.main(doc).appendElement("p").appendElement("a").attr("href", keycloakLogout).addClass("button")
        .id("continue-logout").text("Continue");
    return doc;
  }

  private Optional<Principal> verify(String accessToken) {
    try {
      return tokens.verify(accessToken);
    } catch (RuntimeException e) {
      LOG.warn("event=archive.ui.token_check_failed error={}", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private org.jsoup.nodes.Document signedOut() {
    return startAgain("Signed out", "You are signed out of the archive and of the identity provider.");
  }

  private static org.jsoup.nodes.Document startAgain(String title, String text) {
    org.jsoup.nodes.Document doc = Layout.message(title, text, null, List.of());
    Layout.main(doc).appendElement("p").appendElement("a").attr("href", "/archive/").addClass("button")
        .text("Sign in");
    return doc;
  }

  /** A cookie for the UI only: HttpOnly, SameSite=Lax, Path=/archive, Secure under https; maxAge -1 = session. */
  private void cookie(Context ctx, String name, String value, int maxAge) {
    StringBuilder header = new StringBuilder(name).append('=').append(value)
        .append("; Path=/archive; HttpOnly; SameSite=Lax");
    if (maxAge >= 0) {
      header.append("; Max-Age=").append(maxAge);
    }
    if (settings.secureCookies()) {
      header.append("; Secure");
    }
    ctx.res().addHeader("Set-Cookie", header.toString());
  }

  /** Only paths of this UI; anything else (other hosts, {@code //evil}, backslashes) returns to the search page. */
  static String safeReturn(String returnTo) {
    if (returnTo == null || !returnTo.startsWith(ArchiveUiSettings.PATH) || returnTo.startsWith("//")
        || returnTo.contains("\\") || returnTo.chars().anyMatch(c -> c < 0x21 || c == 0x7f)
        || returnTo.startsWith("/archive/callback") || returnTo.startsWith("/archive/login")) {
      return ArchiveUiSettings.PATH;
    }
    return returnTo;
  }

  private static byte[] resource(String name) {
    try (InputStream in = ArchiveUi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  @Override
  public void close() {
    oidc.close();
  }
}
