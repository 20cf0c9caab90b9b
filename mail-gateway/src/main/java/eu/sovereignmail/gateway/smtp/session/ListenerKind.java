package eu.sovereignmail.gateway.smtp.session;

/** The three SMTP front doors, whose rules differ: MX (port 25), submission with STARTTLS (587), implicit TLS (465). */
public enum ListenerKind {
  /** Mail from other servers: no AUTH, only local recipients, STARTTLS offered when configured. */
  MX,
  /** Staff clients: STARTTLS before AUTH, AUTH before MAIL. */
  SUBMISSION,
  /** Staff clients over implicit TLS: AUTH before MAIL. */
  SUBMISSIONS;

  /** Whether AUTH is offered at all on this kind of listener (always only under TLS). */
  public boolean offersAuth() {
    return this != MX;
  }

  /** Whether MAIL FROM is refused until the client authenticated. */
  public boolean requiresAuth() {
    return this != MX;
  }

  /** Whether TLS starts before the greeting (RFC 8314). */
  public boolean implicitTls() {
    return this == SUBMISSIONS;
  }
}
