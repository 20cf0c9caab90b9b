package eu.sovereignmail.archive.journal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What the SMTP transaction said about a message, as the gateway saw it: the only place BCC recipients
 * are recorded. Journaled with the message and covered by the entry's hash.
 *
 * @param mailFrom the MAIL FROM reverse-path without angle brackets; empty for the null sender {@code <>}
 * @param recipients every RCPT TO forward-path, in the order given; at least one
 * @param direction inbound, outbound or internal
 * @param clientIp the SMTP client's address, or {@code null} when not known (e.g. a re-injected message)
 * @param authenticatedUser the SMTP AUTH identity, or {@code null} for an unauthenticated session
 * @param gatewayNode the name of the gateway node that accepted the message
 * @param receivedAt when the gateway accepted the message (kept to the microsecond, as stored)
 */
public record Envelope(
    String mailFrom,
    List<String> recipients,
    Direction direction,
    String clientIp,
    String authenticatedUser,
    String gatewayNode,
    Instant receivedAt) {
  /** Longest address stored (an SMTP path is at most 256 octets; this leaves room for UTF-8 addresses). */
  public static final int MAX_ADDRESS_LENGTH = 512;

  public Envelope {
    Objects.requireNonNull(mailFrom, "mailFrom (use \"\" for the null sender)");
    requireLength("mailFrom", mailFrom, MAX_ADDRESS_LENGTH);
    Objects.requireNonNull(recipients, "recipients");
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("an envelope has at least one recipient");
    }
    for (String recipient : recipients) {
      if (recipient.isEmpty()) {
        throw new IllegalArgumentException("a recipient is empty");
      }
      requireLength("recipient", recipient, MAX_ADDRESS_LENGTH);
    }
    Objects.requireNonNull(direction, "direction");
    if (clientIp != null) {
      requireLength("clientIp", clientIp, 64);
    }
    if (authenticatedUser != null) {
      requireLength("authenticatedUser", authenticatedUser, 320);
    }
    Objects.requireNonNull(gatewayNode, "gatewayNode");
    if (gatewayNode.isBlank()) {
      throw new IllegalArgumentException("gatewayNode is blank");
    }
    requireLength("gatewayNode", gatewayNode, 128);
    receivedAt = Objects.requireNonNull(receivedAt, "receivedAt").truncatedTo(ChronoUnit.MICROS);
  }

  private static void requireLength(String field, String value, int max) {
    if (value.length() > max) {
      throw new IllegalArgumentException(field + " is longer than " + max + " characters");
    }
  }
}
