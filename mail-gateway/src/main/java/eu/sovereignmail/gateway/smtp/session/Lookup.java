package eu.sovereignmail.gateway.smtp.session;

/**
 * The directory's answer for a recipient, with a third value a boolean cannot carry: "cannot tell now", which RCPT
 * must answer with a temporary failure (450 4.3.0) instead of a permanent 550.
 */
public enum Lookup {
  /** A user, an alias or another address James delivers (group, forward). */
  KNOWN,
  /** Not an address of a local domain, according to a current directory. */
  UNKNOWN,
  /** Not found, but the directory could not confirm it: never loaded, or WebAdmin unreachable since the last load. */
  UNAVAILABLE
}
