package eu.sovereignmail.gateway.imap.session;

import eu.sovereignmail.gateway.imap.parse.ParserLimits;
import java.util.Objects;

/**
 * The rules of one IMAP door: the name in the greeting, whether STARTTLS is offered (port 143; false on the
 * implicit-TLS port or without a certificate), how many commands and errors a client gets before it logs in.
 */
public record ImapSessionSettings(String hostname, boolean offerStartTls, int maxPreAuthCommands, int maxErrors,
    ParserLimits parser) {
  public ImapSessionSettings {
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(parser, "parser");
    if (maxPreAuthCommands < 1 || maxErrors < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public static ImapSessionSettings defaults(String hostname, boolean offerStartTls) {
    return new ImapSessionSettings(hostname, offerStartTls, 50, 10, ParserLimits.defaults());
  }

  public ImapSessionSettings withMaxPreAuthCommands(int commands) {
    return new ImapSessionSettings(hostname, offerStartTls, commands, maxErrors, parser);
  }

  public ImapSessionSettings withStartTls(boolean offer) {
    return new ImapSessionSettings(hostname, offer, maxPreAuthCommands, maxErrors, parser);
  }
}
