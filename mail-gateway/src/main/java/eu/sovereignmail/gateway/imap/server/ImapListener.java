package eu.sovereignmail.gateway.imap.server;

import eu.sovereignmail.gateway.imap.session.ImapSessionSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * One bound IMAP door: address, port, implicit TLS (993) or not (143, STARTTLS), and its session rules. A door whose
 * rules allow logins without TLS ({@link #plaintext}) must be bound to a loopback address: passwords in clear text
 * never cross a network.
 */
public record ImapListener(String host, int port, boolean implicitTls, ImapSessionSettings session) {
  public ImapListener {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(session, "session");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (session.plaintextLogin() && (implicitTls || !loopback(host))) {
      throw new IllegalArgumentException("an IMAP door with logins without TLS must be plaintext and bound to a "
          + "loopback address, not " + host + ":" + port);
    }
  }

  /**
   * The plaintext door for a webmail, a proxy or a benchmark on the same host: LOGIN and AUTHENTICATE allowed
   * without TLS, no STARTTLS; {@code host} must be a loopback address (127.0.0.0/8, ::1, or a name resolving to one).
   */
  public static ImapListener plaintext(String host, int port, ImapSessionSettings session) {
    return new ImapListener(host, port, false, session.withPlaintextLogin());
  }

  /** True for the loopback plaintext door. */
  public boolean plaintextLogin() {
    return session.plaintextLogin();
  }

  /** Also used by the configuration check: every address {@code host} names is a loopback address. */
  public static boolean loopback(String host) {
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      for (InetAddress address : addresses) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
