package eu.sovereignmail.gateway.imap.session;

import eu.sovereignmail.gateway.imap.parse.ParserLimits;
import java.util.Objects;

/**
 * The rules of one IMAP door: the name in the greeting, whether STARTTLS is offered (port 143; false on the
 * implicit-TLS port or without a certificate), whether logins are allowed without TLS (only on a door bound to a
 * loopback address, for a webmail or a benchmark on the same host; see {@code ImapListener}), how many commands and
 * errors a client gets before it logs in.
 */
public record ImapSessionSettings(String hostname, boolean offerStartTls, int maxPreAuthCommands, int maxErrors,
    ParserLimits parser, boolean plaintextLogin) {
  public ImapSessionSettings {
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(parser, "parser");
    if (maxPreAuthCommands < 1 || maxErrors < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** Rules that keep logins behind TLS (every door but the loopback plaintext one). */
  public ImapSessionSettings(String hostname, boolean offerStartTls, int maxPreAuthCommands, int maxErrors,
      ParserLimits parser) {
    this(hostname, offerStartTls, maxPreAuthCommands, maxErrors, parser, false);
  }

  public static ImapSessionSettings defaults(String hostname, boolean offerStartTls) {
    return new ImapSessionSettings(hostname, offerStartTls, 50, 10, ParserLimits.defaults());
  }

  public ImapSessionSettings withMaxPreAuthCommands(int commands) {
    return new ImapSessionSettings(hostname, offerStartTls, commands, maxErrors, parser, plaintextLogin);
  }

  public ImapSessionSettings withStartTls(boolean offer) {
    return new ImapSessionSettings(hostname, offer, maxPreAuthCommands, maxErrors, parser, plaintextLogin);
  }

  /**
   * Logins without TLS, no STARTTLS: the rules of the loopback plaintext door. Only {@code ImapListener.plaintext}
   * should call this, since it checks that the door is bound to a loopback address.
   */
  public ImapSessionSettings withPlaintextLogin() {
    return new ImapSessionSettings(hostname, false, maxPreAuthCommands, maxErrors, parser, true);
  }
}
