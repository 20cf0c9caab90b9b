package eu.sovereignmail.gateway.spool;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.DsnRet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything the gateway knows about a message besides its bytes, stored beside them in the spool and handed on to the
 * archive and delivery. Null means absent for {@code mailFrom} ({@code <>}), {@code ret}, {@code envid} and
 * {@code authenticatedUser}.
 */
public record Envelope(
    EntryId id,
    Instant receivedAt,
    Direction direction,
    String mailFrom,
    List<Recipient> recipients,
    DsnRet ret,
    String envid,
    BodyType body,
    boolean smtpUtf8,
    String clientIp,
    String helo,
    String authenticatedUser) {

  public Envelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(clientIp, "clientIp");
    Objects.requireNonNull(helo, "helo");
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("an envelope needs at least one recipient");
    }
    if (new HashSet<>(recipients.stream().map(Recipient::address).toList()).size() != recipients.size()) {
      throw new IllegalArgumentException("duplicate recipient in envelope " + id);
    }
  }

  /** The index of {@code address} among the recipients, or -1. */
  public int indexOf(String address) {
    for (int i = 0; i < recipients.size(); i++) {
      if (recipients.get(i).address().equals(address)) {
        return i;
      }
    }
    return -1;
  }
}
