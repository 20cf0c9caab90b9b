package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.DsnRet;
import eu.sovereignmail.gateway.spool.Recipient;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The envelope of one transaction to a next hop: sender ({@code null} for {@code <>}), recipients with their DSN
 * parameters, and the MAIL parameters to pass on ({@code ret} and {@code envid} null when absent).
 */
public record DeliveryTransaction(String mailFrom, List<Recipient> recipients, long size, BodyType body, boolean smtpUtf8,
    DsnRet ret, String envid) {
  public DeliveryTransaction {
    recipients = List.copyOf(recipients);
    Objects.requireNonNull(body, "body");
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("a delivery transaction needs at least one recipient");
    }
    if (new HashSet<>(addresses(recipients)).size() != recipients.size()) {
      throw new IllegalArgumentException("duplicate recipient in delivery transaction");
    }
  }

  /** A transaction without DSN parameters, to plain addresses. */
  public static DeliveryTransaction simple(String mailFrom, List<String> recipients, long size, BodyType body, boolean smtpUtf8) {
    return new DeliveryTransaction(mailFrom, recipients.stream().map(Recipient::of).toList(), size, body, smtpUtf8, null, null);
  }

  public List<String> addresses() {
    return addresses(recipients);
  }

  private static List<String> addresses(List<Recipient> recipients) {
    return recipients.stream().map(Recipient::address).toList();
  }
}
