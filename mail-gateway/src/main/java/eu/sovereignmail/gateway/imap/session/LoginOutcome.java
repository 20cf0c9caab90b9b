package eu.sovereignmail.gateway.imap.session;

/** How one login attempt ended, for the metrics (logins ok/failed by reason). */
public enum LoginOutcome {
  OK, REJECTED, IDENTITY_UNAVAILABLE, BACKEND_UNAVAILABLE, TOO_MANY_SESSIONS, PRIVACY_REQUIRED, MALFORMED
}
