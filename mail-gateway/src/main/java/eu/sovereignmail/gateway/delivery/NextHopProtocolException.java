package eu.sovereignmail.gateway.delivery;

import java.io.IOException;

/** An LMTP or SMTP next hop said something that is not a valid reply or broke the dialogue: handled like a lost connection. */
public final class NextHopProtocolException extends IOException {
  public NextHopProtocolException(String message) {
    super(message);
  }

  public NextHopProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
