package eu.sovereignmail.gateway.smtp;

/** What one command line parses to: a command, or a syntax error that already carries its reply. */
public sealed interface ParsedCommand permits SmtpCommand, CommandSyntaxError {}
