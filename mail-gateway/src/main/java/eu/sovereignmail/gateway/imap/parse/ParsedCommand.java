package eu.sovereignmail.gateway.imap.parse;

import eu.sovereignmail.gateway.imap.ImapCommand;

/** A parsed client command, or why it could not be parsed; switch over it, no exceptions. */
public sealed interface ParsedCommand {
  record Ok(String tag, ImapCommand command) implements ParsedCommand {}

  /** {@code tag} is {@code *} when the line had no usable tag (then the reply is untagged). */
  record SyntaxError(String tag, String message) implements ParsedCommand {}
}
