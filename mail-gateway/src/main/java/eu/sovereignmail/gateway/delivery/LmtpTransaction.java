package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.smtp.BodyType;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** The envelope of one LMTP transaction: sender ({@code null} for {@code <>}), recipients, and MAIL parameters. */
public record LmtpTransaction(String mailFrom, List<String> recipients, long size, BodyType body, boolean smtpUtf8) {
  public LmtpTransaction {
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(body, "body");
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("an LMTP transaction needs at least one recipient");
    }
    if (new HashSet<>(recipients).size() != recipients.size()) {
      throw new IllegalArgumentException("duplicate recipient in LMTP transaction");
    }
  }
}
