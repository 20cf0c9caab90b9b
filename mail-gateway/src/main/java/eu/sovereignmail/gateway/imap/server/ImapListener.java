package eu.sovereignmail.gateway.imap.server;

import eu.sovereignmail.gateway.imap.session.ImapSessionSettings;
import java.util.Objects;

/** One bound IMAP door: address, port, implicit TLS (993) or not (143, STARTTLS), and its session rules. */
public record ImapListener(String host, int port, boolean implicitTls, ImapSessionSettings session) {
  public ImapListener {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(session, "session");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }
}
