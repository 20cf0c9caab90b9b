package eu.sovereignmail.gateway.imap.session;

import eu.sovereignmail.gateway.imap.parse.ParserLimits;
import java.util.Objects;

/**
 * The rules of one IMAP door: the name in the greeting, whether STARTTLS is offered (port 143; false on the
 * implicit-TLS port or without a certificate), how many commands and errors a client gets before it logs in.
 */
public record SessionSettings(String hostname, boolean offerStartTls, int maxPreAuthCommands, int maxErrors,
    ParserLimits parser) {
  public SessionSettings {
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(parser, "parser");
    if (maxPreAuthCommands < 1 || maxErrors < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public static SessionSettings defaults(String hostname, boolean offerStartTls) {
    return new SessionSettings(hostname, offerStartTls, 50, 10, ParserLimits.defaults());
  }

  public SessionSettings withMaxPreAuthCommands(int commands) {
    return new SessionSettings(hostname, offerStartTls, commands, maxErrors, parser);
  }

  public SessionSettings withStartTls(boolean offer) {
    return new SessionSettings(hostname, offer, maxPreAuthCommands, maxErrors, parser);
  }
}
