package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.util.Objects;

/** The reply that decided one recipient of an LMTP transaction (RCPT refusal, MAIL/DATA refusal, or its own DATA reply). */
public record RecipientReply(String recipient, SmtpReply reply) {
  public RecipientReply {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(reply, "reply");
  }
}
