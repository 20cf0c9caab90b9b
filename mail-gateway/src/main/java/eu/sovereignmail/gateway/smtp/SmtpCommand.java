package eu.sovereignmail.gateway.smtp;

import java.util.Optional;
import java.util.Set;

/** The typed ESMTP commands a session acts on; parsing produces them, sessions switch over them. */
public sealed interface SmtpCommand extends ParsedCommand {

  record Helo(String domain) implements SmtpCommand {}

  record Ehlo(String domain) implements SmtpCommand {}

  /**
   * MAIL FROM with its parameters; {@code reversePath} is empty for {@code <>}. {@code size} is -1 when not given;
   * {@code authMailbox} is the RFC 4954 AUTH= value, empty for {@code AUTH=<>} or when absent.
   */
  record MailFrom(
      Optional<Mailbox> reversePath,
      long size,
      BodyType body,
      boolean smtpUtf8,
      Optional<DsnRet> ret,
      Optional<String> envid,
      Optional<String> authMailbox)
      implements SmtpCommand {}

  /** RCPT TO with its RFC 3461 parameters; {@code notifyOn} is empty when NOTIFY was not given. */
  record RcptTo(Mailbox forwardPath, Set<DsnNotify> notifyOn, Optional<OriginalRecipient> orcpt) implements SmtpCommand {
    public RcptTo {
      notifyOn = Set.copyOf(notifyOn);
    }
  }

  record Data() implements SmtpCommand {}

  /** BDAT (RFC 3030): exactly {@code size} octets follow the command line. */
  record Bdat(long size, boolean last) implements SmtpCommand {}

  record Rset() implements SmtpCommand {}

  record Noop() implements SmtpCommand {}

  record Quit() implements SmtpCommand {}

  record Vrfy(String argument) implements SmtpCommand {}

  record StartTls() implements SmtpCommand {}

  /** AUTH with the mechanism name upper-cased and the optional initial response (still base64, {@code =} for empty). */
  record Auth(String mechanism, Optional<String> initialResponse) implements SmtpCommand {}

  record Help(Optional<String> topic) implements SmtpCommand {}

  /** A verb this server does not know; the session answers 500 5.5.1. */
  record Unknown(String verb) implements SmtpCommand {}
}
