package eu.sovereignmail.gateway.delivery;

import java.io.IOException;

/** The LMTP server said something that is not a valid reply or broke the dialogue: handled like a lost connection. */
public final class LmtpProtocolException extends IOException {
  public LmtpProtocolException(String message) {
    super(message);
  }
}
