package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.spool.Recipient;
import java.util.Objects;

/**
 * One recipient given up on, with what a DSN needs: the reply that decided it ({@code null} when none came, e.g. the
 * host was unreachable until the message expired), the host that gave it ({@code null}: none), and a text reason.
 */
public record FailedRecipient(Recipient recipient, SmtpReply reply, String remoteHost, String reason) {
  public FailedRecipient {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(reason, "reason");
  }
}
