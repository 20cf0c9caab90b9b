package eu.sovereignmail.bench.imap;

import eu.sovereignmail.bench.smtp.JamesMailboxes;
import eu.sovereignmail.gateway.delivery.DeliveryTransaction;
import eu.sovereignmail.gateway.delivery.LmtpClient;
import eu.sovereignmail.gateway.delivery.LmtpTarget;
import eu.sovereignmail.gateway.delivery.RecipientReply;
import eu.sovereignmail.gateway.smtp.BodyType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Fills every bench user's INBOX before the rounds: {@code messages} messages of about {@code size} bytes each,
 * delivered to James over LMTP with the gateway's own client, then waits until WebAdmin counts them all, so that
 * every round reads the same mailboxes.
 */
public final class InboxFiller {
  private static final Duration ARRIVAL_TIMEOUT = Duration.ofMinutes(5);

  private final int lmtpPort;
  private final JamesMailboxes mailboxes;

  public InboxFiller(int lmtpPort, JamesMailboxes mailboxes) {
    this.lmtpPort = lmtpPort;
    this.mailboxes = mailboxes;
  }

  public void fill(List<String> users, int messages, int size) throws IOException {
    try (LmtpClient lmtp = new LmtpClient(LmtpTarget.loopback(lmtpPort))) {
      for (String user : users) {
        for (int i = 1; i <= messages; i++) {
          byte[] message = message(user, i, size);
          List<RecipientReply> replies = lmtp.deliver(
              DeliveryTransaction.simple("sender@bench.test", List.of(user), message.length, BodyType.SEVEN_BIT, false),
              () -> new ByteArrayInputStream(message));
          for (RecipientReply reply : replies) {
            if (reply.reply().code() != 250) {
              throw new IOException("James refused a fill message for " + user + ": " + reply.reply());
            }
          }
        }
      }
    }
    long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
    for (String user : users) {
      while (mailboxes.inboxCount(user) < messages) {
        if (System.nanoTime() > deadline) {
          throw new IOException("the INBOX of " + user + " did not reach " + messages + " messages in " + ARRIVAL_TIMEOUT);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the fill messages", e);
        }
      }
    }
  }

  private static byte[] message(String user, int number, int size) {
    StringBuilder text = new StringBuilder(size + 512);
    text.append("From: Bench Sender <sender@bench.test>\r\n")
        .append("To: ").append(user).append("\r\n")
        .append("Subject: IMAP benchmark message ").append(number).append("\r\n")
        .append("Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n")
        .append("Message-ID: <imap-bench-").append(number).append('.').append(user).append(">\r\n")
        .append("MIME-Version: 1.0\r\n")
        .append("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
    String line = "The quick brown fox jumps over the lazy dog, message " + number + ".\r\n";
    while (text.length() < size) {
      text.append(line);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
