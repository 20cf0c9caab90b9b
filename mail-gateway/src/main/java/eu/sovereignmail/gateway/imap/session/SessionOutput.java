package eu.sovereignmail.gateway.imap.session;

/** What the connection does after a feed: write {@code bytes} to the client, then {@code next}. */
public record SessionOutput(byte[] bytes, Next next) {
  public enum Next {
    /** Keep reading from the client. */
    READ,
    /** Run the TLS handshake now; the session already discarded anything pipelined behind STARTTLS. */
    START_TLS,
    /** Logged in: splice the client to {@link ImapSession#backend()}, after forwarding what is left of the input. */
    SPLICE,
    /** Close the connection. */
    CLOSE
  }
}
