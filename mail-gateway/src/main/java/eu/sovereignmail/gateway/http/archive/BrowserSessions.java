package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.identity.auth.Principal;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * The legal UI's server-side sessions as the archive API sees them: a request carrying a valid session cookie is as
 * good as a bearer token, and a mutating request must also carry the session's CSRF token. Kept as an interface so
 * the API does not depend on the UI.
 */
public interface BrowserSessions {
  /** No browser sessions (no UI configured): only bearer tokens work. */
  BrowserSessions NONE = new BrowserSessions() {
    @Override
    public Optional<Principal> principal(Context ctx) {
      return Optional.empty();
    }

    @Override
    public boolean csrfValid(Context ctx, String token) {
      return false;
    }
  };

  /** The principal of the live session named by the request's cookie, or empty (also refreshes its idle time). */
  Optional<Principal> principal(Context ctx);

  /** True when {@code token} is the CSRF token of the request's live session. */
  boolean csrfValid(Context ctx, String token);
}
