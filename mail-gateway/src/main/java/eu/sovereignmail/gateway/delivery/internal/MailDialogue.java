package eu.sovereignmail.gateway.delivery.internal;

import eu.sovereignmail.gateway.delivery.DeliveryTransaction;
import eu.sovereignmail.gateway.delivery.MessageSource;
import eu.sovereignmail.gateway.delivery.RecipientReply;
import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.smtp.parse.XText;
import eu.sovereignmail.gateway.spool.Recipient;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one mail transaction dialogue shared by the LMTP and SMTP clients (RSET on a reused connection, MAIL, RCPTs,
 * DATA, the dot-stuffed message and the final replies); the two protocols differ only in {@link Dialect}. Refusals
 * are per-recipient replies; an {@link IOException} means nothing is known.
 */
public final class MailDialogue {
  /** The replies in transaction order, and whether the connection may serve another transaction. */
  public record Outcome(List<RecipientReply> replies, boolean reusable) {}

  /**
   * A reused connection turned out dead before the server answered MAIL: nothing was accepted, so the transaction may
   * be run again on a fresh connection.
   */
  public static final class StaleConnectionException extends IOException {
    StaleConnectionException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final int CLOSING = 421;

  private MailDialogue() {}

  /**
   * Runs {@code tx} on {@code connection} (already past hello, STARTTLS and AUTH). The message is opened only after
   * the server's 354; from the final dot on, a broken connection is an {@link IOException} that must not be retried.
   *
   * @param reused true for a pooled connection: RSET goes first, and a failure before the MAIL reply is a
   *     {@link StaleConnectionException}
   */
  public static Outcome run(ClientConnection connection, Dialect dialect, DeliveryTransaction tx, MessageSource source,
      boolean reused) throws IOException {
    ServerExtensions extensions = connection.extensions();
    int n = tx.recipients().size();
    if (extensions.sizeLimit() > 0 && tx.size() > extensions.sizeLimit()) {
      return new Outcome(all(tx, SmtpReply.MESSAGE_TOO_BIG.withText(
          "Message of " + tx.size() + " octets exceeds the next hop's limit of " + extensions.sizeLimit())), true);
    }
    if (tx.smtpUtf8() && !extensions.has("SMTPUTF8") && nonAsciiAddress(tx)) {
      return new Outcome(all(tx, SmtpReply.of(553, "5.6.7", "Next hop does not support SMTPUTF8; non-ASCII address")), true);
    }

    List<String> commands = new ArrayList<>(n + 2);
    if (reused) {
      commands.add("RSET");
    }
    int mailIndex = commands.size();
    commands.add(mailFrom(tx, extensions));
    tx.recipients().forEach(r -> commands.add(rcptTo(r, extensions)));
    List<SmtpReply> envelope = envelope(connection, commands, extensions.has("PIPELINING"), mailIndex, reused);

    SmtpReply[] result = new SmtpReply[n];
    SmtpReply closing = envelope.stream().filter(r -> r.code() == CLOSING).findFirst().orElse(null);
    SmtpReply mail = envelope.get(mailIndex);
    if (!mail.positive()) {
      return new Outcome(all(tx, mail), closing == null);
    }
    List<Integer> accepted = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int at = mailIndex + 1 + i;
      SmtpReply rcpt = at < envelope.size() ? envelope.get(at) : closing;
      if (rcpt.positive() && closing == null) {
        accepted.add(i);
      } else {
        result[i] = rcpt.positive() ? closing : rcpt;
      }
    }
    if (closing != null || accepted.isEmpty()) {
      return new Outcome(ordered(tx, result), closing == null);
    }

    SmtpReply data = connection.command("DATA");
    if (data.code() != 354) {
      accepted.forEach(i -> result[i] = data);
      return new Outcome(ordered(tx, result), data.code() != CLOSING);
    }
    try (InputStream message = source.open()) {
      DotStuffingOutputStream body = new DotStuffingOutputStream(connection.output());
      message.transferTo(body);
      body.finish();
    }
    if (dialect.replyPerRecipient()) {
      for (int i : accepted) {
        result[i] = closing != null ? closing : connection.read();
        if (result[i].code() == CLOSING) {
          closing = result[i];
        }
      }
    } else {
      SmtpReply reply = connection.read();
      accepted.forEach(i -> result[i] = reply);
      closing = reply.code() == CLOSING ? reply : null;
    }
    return new Outcome(ordered(tx, result), closing == null);
  }

  /**
   * Sends the envelope commands and reads their replies: all at once when the server pipelines, else in lock step
   * (stopping after a refused MAIL). Reading stops at a 421: the server is closing, later replies will not come.
   */
  private static List<SmtpReply> envelope(ClientConnection connection, List<String> commands, boolean pipelining,
      int mailIndex, boolean reused) throws IOException {
    List<SmtpReply> replies = new ArrayList<>(commands.size());
    try {
      if (pipelining) {
        for (String command : commands) {
          connection.write(command);
        }
        connection.flush();
      }
      for (int i = 0; i < commands.size(); i++) {
        SmtpReply reply = pipelining ? connection.read() : connection.command(commands.get(i));
        replies.add(reply);
        boolean beforeMail = i < mailIndex;
        if (reused && i <= mailIndex && (reply.code() == CLOSING || (beforeMail && !reply.positive()))) {
          throw new StaleConnectionException("reused connection answered " + reply, null);
        }
        if (reply.code() == CLOSING || (!pipelining && i == mailIndex && !reply.positive())) {
          break;
        }
      }
    } catch (StaleConnectionException e) {
      throw e;
    } catch (IOException e) {
      if (reused && replies.size() <= mailIndex) {
        throw new StaleConnectionException("reused connection broke before the MAIL reply: " + e.getMessage(), e);
      }
      throw e;
    }
    return replies;
  }

  static String mailFrom(DeliveryTransaction tx, ServerExtensions extensions) {
    StringBuilder command = new StringBuilder("MAIL FROM:<").append(tx.mailFrom() == null ? "" : tx.mailFrom()).append('>');
    if (extensions.has("SIZE")) {
      command.append(" SIZE=").append(tx.size());
    }
    if (tx.body() == BodyType.EIGHT_BIT_MIME && extensions.has("8BITMIME")) {
      command.append(" BODY=8BITMIME");
    }
    if (tx.smtpUtf8() && extensions.has("SMTPUTF8")) {
      command.append(" SMTPUTF8");
    }
    if (extensions.has("DSN")) {
      if (tx.ret() != null) {
        command.append(" RET=").append(tx.ret().name());
      }
      if (tx.envid() != null) {
        command.append(" ENVID=").append(XText.encode(tx.envid()));
      }
    }
    return command.toString();
  }

  static String rcptTo(Recipient recipient, ServerExtensions extensions) {
    StringBuilder command = new StringBuilder("RCPT TO:<").append(recipient.address()).append('>');
    if (extensions.has("DSN")) {
      if (!recipient.notifyOn().isEmpty()) {
        command.append(" NOTIFY=").append(Arrays.stream(DsnNotify.values()).filter(recipient.notifyOn()::contains)
            .map(Enum::name).collect(Collectors.joining(",")));
      }
      if (recipient.orcpt() != null) {
        command.append(" ORCPT=").append(recipient.orcpt().addressType()).append(';')
            .append(XText.encode(recipient.orcpt().address()));
      }
    }
    return command.toString();
  }

  private static boolean nonAsciiAddress(DeliveryTransaction tx) {
    return (tx.mailFrom() != null && !isAscii(tx.mailFrom())) || tx.addresses().stream().anyMatch(a -> !isAscii(a));
  }

  private static boolean isAscii(String s) {
    return s.chars().allMatch(c -> c < 0x80);
  }

  /** The same reply for every recipient. */
  public static List<RecipientReply> all(DeliveryTransaction tx, SmtpReply reply) {
    return tx.addresses().stream().map(r -> new RecipientReply(r, reply)).toList();
  }

  private static List<RecipientReply> ordered(DeliveryTransaction tx, SmtpReply[] replies) {
    List<RecipientReply> result = new ArrayList<>(replies.length);
    for (int i = 0; i < replies.length; i++) {
      result.add(new RecipientReply(tx.addresses().get(i), replies[i]));
    }
    return result;
  }
}
