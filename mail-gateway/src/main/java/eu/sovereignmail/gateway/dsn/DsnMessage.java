package eu.sovereignmail.gateway.dsn;

import eu.sovereignmail.gateway.smtp.BodyType;
import java.util.Objects;

/**
 * A built DSN with what its spool envelope must say about it: the BODY type its bytes need, and whether the address it
 * goes to needs SMTPUTF8. The bytes are a complete RFC 5322 message with CRLF line ends.
 */
public record DsnMessage(byte[] bytes, BodyType body, boolean smtpUtf8) {
  public DsnMessage {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(body, "body");
  }
}
