package eu.sovereignmail.gateway.http.archiveui;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the legal UI lives and how it signs people in: its public base URL (what browsers type; the OIDC redirect
 * URI is {@code <base>callback}), the Keycloak realm as browsers reach it and as the gateway reaches it (the same
 * URL unless a proxy separates them), the public client, and the session lifetimes.
 *
 * @param publicUrl e.g. {@code https://mail.example.eu/archive/} (ends with {@code /archive/})
 * @param browserRealmUrl the realm URL for the browser redirects (authorization and logout endpoints)
 * @param realmUrl the realm URL the gateway exchanges codes at
 * @param clientId the public OIDC client ({@code sovereign-archive-ui})
 * @param idleTimeout a session unused this long ends
 * @param absoluteTimeout a session ends this long after sign-in, used or not
 */
public record ArchiveUiSettings(URI publicUrl, URI browserRealmUrl, URI realmUrl, String clientId, Duration idleTimeout,
    Duration absoluteTimeout) {
  /** The path the UI is served under. */
  public static final String PATH = "/archive/";

  public ArchiveUiSettings {
    Objects.requireNonNull(publicUrl, "publicUrl");
    if (!publicUrl.toString().endsWith(PATH)) {
      throw new IllegalArgumentException("the archive UI's public URL must end with " + PATH + ", was " + publicUrl);
    }
    browserRealmUrl = stripSlash(Objects.requireNonNull(browserRealmUrl, "browserRealmUrl"));
    realmUrl = stripSlash(Objects.requireNonNull(realmUrl, "realmUrl"));
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(absoluteTimeout, "absoluteTimeout");
  }

  /** The OIDC redirect URI registered for the client. */
  public URI redirectUri() {
    return publicUrl.resolve("callback");
  }

  /** Where Keycloak sends the browser after a logout. */
  public URI signedOutUri() {
    return publicUrl.resolve("signed-out");
  }

  /** Cookies get {@code Secure} when the UI is served over https. */
  public boolean secureCookies() {
    return "https".equalsIgnoreCase(publicUrl.getScheme());
  }

  private static URI stripSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
  }
}
