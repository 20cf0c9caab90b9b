package eu.sovereignmail.gateway.smtp.session;

import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The session's policy replies that the parsing package has no reason to know (relay, auth, limits). */
final class SessionReplies {
  static final SmtpReply SENDER_OK = SmtpReply.of(250, "2.1.0", "Sender OK");
  static final SmtpReply RECIPIENT_OK = SmtpReply.of(250, "2.1.5", "Recipient OK");
  static final SmtpReply CANNOT_VRFY = SmtpReply.of(252, "2.5.2", "Cannot VRFY user, but will accept message and attempt delivery");
  static final SmtpReply HELP = SmtpReply.of(214, "2.0.0", "See RFC 5321");
  static final SmtpReply TOO_MANY_RECIPIENTS = SmtpReply.of(452, "4.5.3", "Too many recipients");
  static final SmtpReply RATE_LIMITED = SmtpReply.of(450, "4.7.1", "Too many messages, slow down and try again later");
  static final SmtpReply TOO_MANY_SESSIONS = SmtpReply.of(421, "4.7.0", "Too many connections for this user, closing connection");
  static final SmtpReply AUTH_UNAVAILABLE = SmtpReply.of(454, "4.7.0", "Temporary authentication failure");
  static final SmtpReply TLS_REQUIRED = SmtpReply.of(530, "5.7.0", "Must issue a STARTTLS command first");
  static final SmtpReply AUTH_REQUIRED = SmtpReply.of(530, "5.7.0", "Authentication required");
  static final SmtpReply UNKNOWN_USER = SmtpReply.of(550, "5.1.1", "No such user here");
  static final SmtpReply RECIPIENT_UNVERIFIABLE = SmtpReply.of(450, "4.3.0", "Recipient cannot be verified now, try again later");
  static final SmtpReply SENDER_NOT_OWNED = SmtpReply.of(553, "5.7.1", "Sender address not owned by the authenticated user");
  static final SmtpReply RELAY_DENIED = SmtpReply.of(554, "5.7.1", "Relay access denied");
  static final SmtpReply NO_VALID_RECIPIENTS = SmtpReply.of(554, "5.5.1", "No valid recipients");
  static final SmtpReply NEED_HELO = SmtpReply.BAD_SEQUENCE.withText("Send HELO or EHLO first");
  static final SmtpReply NEED_MAIL = SmtpReply.BAD_SEQUENCE.withText("Need MAIL command first");
  static final SmtpReply NESTED_MAIL = SmtpReply.BAD_SEQUENCE.withText("Nested MAIL command");
  static final SmtpReply ALREADY_TLS = SmtpReply.BAD_SEQUENCE.withText("TLS already active");
  static final SmtpReply ALREADY_AUTHENTICATED = SmtpReply.BAD_SEQUENCE.withText("Already authenticated");
  static final SmtpReply AUTH_NOT_ENABLED = SmtpReply.BAD_SEQUENCE.withText("Authentication not enabled");
  static final SmtpReply AUTH_IN_TRANSACTION = SmtpReply.BAD_SEQUENCE.withText("AUTH not allowed during a mail transaction");
  static final SmtpReply NOT_IMPLEMENTED = SmtpReply.of(502, "5.5.1", "Command not implemented");
  /** XOAUTH2/OAUTHBEARER failure challenge (RFC 7628 3.2.2); the client answers with one line, then gets 535. */
  static final SmtpReply BEARER_ERROR = SmtpReply.of(334, null, Base64.getEncoder().encodeToString(
      "{\"status\":\"invalid_token\",\"schemes\":\"bearer\"}".getBytes(StandardCharsets.US_ASCII)));

  private SessionReplies() {}

  static SmtpReply greeting(String host) {
    return SmtpReply.of(220, null, host + " ESMTP Sovereign Mail");
  }

  static SmtpReply tooManyErrors(String host) {
    return SmtpReply.of(421, "4.7.0", host + " Too many errors, closing connection");
  }
}
