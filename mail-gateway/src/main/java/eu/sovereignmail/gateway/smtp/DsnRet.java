package eu.sovereignmail.gateway.smtp;

/** The RFC 3461 RET parameter: how much of the message a DSN returns. */
public enum DsnRet {
  FULL, HDRS
}
