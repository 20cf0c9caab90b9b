package eu.sovereignmail.gateway.smtp;

/** The RFC 3461 NOTIFY conditions of a recipient; NEVER excludes the others. */
public enum DsnNotify {
  NEVER, SUCCESS, FAILURE, DELAY
}
