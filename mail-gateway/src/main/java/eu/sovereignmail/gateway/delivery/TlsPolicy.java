package eu.sovereignmail.gateway.delivery;

/** Whether a relay must, may or must not use STARTTLS towards its smart host. */
public enum TlsPolicy {
  /** STARTTLS with a verified certificate or no delivery: recipients get 451 4.7.5 and stay queued. */
  REQUIRED,
  /** STARTTLS when offered; if it is not offered or the handshake fails, the mail goes in plaintext (no AUTH then). */
  OPPORTUNISTIC,
  /** Plaintext only (a loopback or private-network hop); AUTH is then sent in the clear. */
  NONE
}
