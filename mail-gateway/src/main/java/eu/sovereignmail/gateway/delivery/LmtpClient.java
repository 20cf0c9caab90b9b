package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal RFC 2033 LMTP client on a plain blocking socket, one connection per transaction: James's local
 * delivery answers once per accepted recipient, which is what per-recipient spool state needs.
 */
public final class LmtpClient implements Transport {
  private static final Logger LOG = LoggerFactory.getLogger(LmtpClient.class);

  private final LmtpTarget target;

  public LmtpClient(LmtpTarget target) {
    this.target = target;
  }

  public LmtpTarget target() {
    return target;
  }

  /**
   * Runs one transaction and returns one reply per recipient, in the transaction's order.
   *
   * @throws IOException when the server cannot be reached or the dialogue breaks: no recipient's fate is known
   */
  @Override
  public String name() {
    return "james";
  }

  @Override
  public List<RecipientReply> deliver(DeliveryTransaction transaction, MessageSource source) throws IOException {
    try (InputStream message = source.open(); Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(target.host(), target.port()), (int) target.connectTimeout().toMillis());
      socket.setSoTimeout((int) target.readTimeout().toMillis());
      socket.setTcpNoDelay(true);
      Dialogue dialogue = new Dialogue(new BufferedInputStream(socket.getInputStream()),
          new BufferedOutputStream(socket.getOutputStream(), 64 << 10));
      List<RecipientReply> replies = dialogue.run(transaction, message);
      dialogue.quietQuit();
      return replies;
    }
  }

  /** One connection's command/reply exchange; the state that lives exactly as long as the socket. */
  private final class Dialogue {
    private final ReplyReader replies;
    private final OutputStream out;

    Dialogue(InputStream in, OutputStream out) {
      this.replies = new ReplyReader(in);
      this.out = out;
    }

    List<RecipientReply> run(DeliveryTransaction tx, InputStream message) throws IOException {
      expect(replies.read(), 220, "greeting");
      send("LHLO " + target.lhloName());
      SmtpReply lhlo = replies.read();
      expect(lhlo, 250, "LHLO");
      Set<String> extensions = extensions(lhlo);
      boolean pipelining = extensions.contains("PIPELINING");

      List<String> commands = new ArrayList<>();
      commands.add(mailFrom(tx, extensions));
      for (String recipient : tx.addresses()) {
        commands.add("RCPT TO:<" + recipient + ">");
      }
      List<SmtpReply> envelopeReplies = exchange(commands, pipelining);

      SmtpReply mail = envelopeReplies.getFirst();
      if (!mail.positive()) {
        return tx.addresses().stream().map(r -> new RecipientReply(r, mail)).toList();
      }
      List<RecipientReply> result = new ArrayList<>(tx.addresses().size());
      List<String> accepted = new ArrayList<>();
      for (int i = 0; i < tx.addresses().size(); i++) {
        String recipient = tx.addresses().get(i);
        SmtpReply rcpt = envelopeReplies.get(i + 1);
        if (rcpt.positive()) {
          accepted.add(recipient);
        } else {
          result.add(new RecipientReply(recipient, rcpt));
        }
      }
      if (accepted.isEmpty()) {
        return inTransactionOrder(tx, result);
      }
      send("DATA");
      SmtpReply data = replies.read();
      if (data.code() != 354) {
        accepted.forEach(r -> result.add(new RecipientReply(r, data)));
        return inTransactionOrder(tx, result);
      }
      DotStuffingOutputStream body = new DotStuffingOutputStream(out);
      message.transferTo(body);
      body.finish();
      for (String recipient : accepted) {
        result.add(new RecipientReply(recipient, replies.read()));
      }
      return inTransactionOrder(tx, result);
    }

    /** Sends the commands and reads one reply each: all at once when the server pipelines, else in lock step. */
    private List<SmtpReply> exchange(List<String> commands, boolean pipelining) throws IOException {
      List<SmtpReply> result = new ArrayList<>(commands.size());
      if (pipelining) {
        for (String command : commands) {
          write(command);
        }
        out.flush();
        for (int i = 0; i < commands.size(); i++) {
          result.add(replies.read());
        }
      } else {
        for (String command : commands) {
          send(command);
          result.add(replies.read());
        }
      }
      return result;
    }

    void quietQuit() {
      try {
        send("QUIT");
        replies.read();
      } catch (IOException e) {
        LOG.debug("event=lmtp.quit_failed target={}:{} reason={}", target.host(), target.port(), e.toString());
      }
    }

    private void send(String command) throws IOException {
      write(command);
      out.flush();
    }

    private void write(String command) throws IOException {
      out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String mailFrom(DeliveryTransaction tx, Set<String> extensions) {
    StringBuilder command = new StringBuilder("MAIL FROM:<").append(tx.mailFrom() == null ? "" : tx.mailFrom()).append('>');
    if (extensions.contains("SIZE")) {
      command.append(" SIZE=").append(tx.size());
    }
    if (tx.body() == BodyType.EIGHT_BIT_MIME && extensions.contains("8BITMIME")) {
      command.append(" BODY=8BITMIME");
    }
    if (tx.smtpUtf8() && extensions.contains("SMTPUTF8")) {
      command.append(" SMTPUTF8");
    }
    return command.toString();
  }

  /** The EHLO-style keywords of a LHLO reply (every line after the first, first word, upper case). */
  static Set<String> extensions(SmtpReply lhlo) {
    Set<String> keywords = new HashSet<>();
    for (String line : lhlo.lines().subList(1, lhlo.lines().size())) {
      String keyword = line.strip().split(" ", 2)[0];
      keywords.add(keyword.toUpperCase(Locale.ROOT));
    }
    return keywords;
  }

  private static List<RecipientReply> inTransactionOrder(DeliveryTransaction tx, List<RecipientReply> replies) {
    return tx.addresses().stream()
        .map(r -> replies.stream().filter(reply -> reply.recipient().equals(r)).findFirst().orElseThrow())
        .toList();
  }

  private static void expect(SmtpReply reply, int code, String step) throws LmtpProtocolException {
    if (reply.code() != code) {
      throw new LmtpProtocolException("unexpected " + step + " reply: " + reply);
    }
  }
}
