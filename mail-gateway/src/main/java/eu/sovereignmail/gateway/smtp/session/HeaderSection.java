package eu.sovereignmail.gateway.smtp.session;

import eu.sovereignmail.gateway.smtp.Mailbox;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.ParseException;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;

/**
 * Keeps the header section of a message as it streams past (up to a limit), so submission can check that the
 * {@code From:} addresses belong to the authenticated user without buffering the message; mime4j parses it.
 */
final class HeaderSection {
  static final int LIMIT = 64 << 10;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private int matched;
  private boolean complete;

  /** Feeds the next message bytes (the buffer's position is not moved). */
  void feed(ByteBuffer data) {
    for (int i = data.position(); i < data.limit() && !complete && bytes.size() < LIMIT; i++) {
      byte b = data.get(i);
      bytes.write(b);
      matched = switch (matched) {
        case 0, 2 -> b == '\r' ? matched + 1 : 0;
        case 1, 3 -> b == '\n' ? matched + 1 : (b == '\r' ? 1 : 0);
        default -> 0;
      };
      complete = matched == 4;
    }
  }

  /**
   * The addresses of the {@code From:} fields; empty when there is none. Throws when the field cannot be read, or the
   * header section is longer than the limit (a sender check cannot be made, so the message is refused).
   */
  List<Mailbox> fromAddresses() throws InvalidHeaderException {
    if (!complete && bytes.size() >= LIMIT) {
      throw new InvalidHeaderException("header section longer than " + LIMIT + " octets");
    }
    Header header;
    try {
      header = new DefaultMessageBuilder().parseHeader(new ByteArrayInputStream(bytes.toByteArray()));
    } catch (IOException | RuntimeException e) {
      throw new InvalidHeaderException("unreadable header section: " + e.getMessage());
    }
    List<Mailbox> result = new ArrayList<>();
    for (Field field : header.getFields("From")) {
      MailboxList list;
      try {
        list = DefaultAddressParser.DEFAULT.parseAddressList(field.getBody()).flatten();
      } catch (ParseException | RuntimeException e) {
        throw new InvalidHeaderException("unreadable From: field");
      }
      for (org.apache.james.mime4j.dom.address.Mailbox mailbox : list) {
        if (mailbox.getLocalPart() == null || mailbox.getLocalPart().isEmpty()) {
          throw new InvalidHeaderException("From: address without local part");
        }
        result.add(new Mailbox(mailbox.getLocalPart(), mailbox.getDomain()));
      }
    }
    return result;
  }

  /** The header section could not be checked. */
  static final class InvalidHeaderException extends Exception {
    InvalidHeaderException(String message) {
      super(message);
    }
  }
}
