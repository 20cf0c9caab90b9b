package eu.sovereignmail.gateway.smtp;

/** A command line that could not be parsed, with the reply the session sends for it (the session stays open). */
public record CommandSyntaxError(SmtpReply reply) implements ParsedCommand {}
