package eu.sovereignmail.gateway.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a spooled message for tests and cuts off the Received header the session prepended. */
public final class SpooledMessages {
  private SpooledMessages() {}

  public static String text(Spool spool, EntryId id) throws IOException {
    try (InputStream in = spool.openMessage(id)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The message as the client sent it: everything after the first (folded) header, which must be Received. */
  public static String afterReceived(Spool spool, EntryId id) throws IOException {
    String message = text(spool, id);
    assertThat(message).startsWith("Received: from ");
    int end = message.indexOf("\r\n");
    while (message.charAt(end + 2) == '\t') {
      end = message.indexOf("\r\n", end + 2);
    }
    return message.substring(end + 2);
  }
}
