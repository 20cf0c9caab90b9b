package eu.sovereignmail.gateway.smtp.parse;

import eu.sovereignmail.gateway.sasl.SaslCredentials;
import eu.sovereignmail.gateway.smtp.SmtpReply;

/** Where a SASL exchange stands after the client's last line: send a challenge, verify credentials, or fail. */
public sealed interface SaslStep {
  /** Send this 334 reply and feed the client's next line to {@link SaslExchange#respond}. */
  record Challenge(SmtpReply reply) implements SaslStep {}

  /** The client finished; the identity part verifies these and the session answers 235 or 535. */
  record Done(SaslCredentials credentials) implements SaslStep {}

  /** The exchange is over without credentials (bad base64, malformed message, cancelled): send this reply. */
  record Failed(SmtpReply reply) implements SaslStep {}
}
