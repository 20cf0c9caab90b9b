package eu.sovereignmail.gateway.smtp.server;

import eu.sovereignmail.gateway.smtp.session.SessionSettings;
import java.util.Objects;

/** One bound front door: the address and port to listen on and the session rules of that door. */
public record SmtpListener(String host, int port, SessionSettings session) {
  public SmtpListener {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(session, "session");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }
}
