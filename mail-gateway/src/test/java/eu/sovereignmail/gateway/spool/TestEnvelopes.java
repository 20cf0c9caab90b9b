package eu.sovereignmail.gateway.spool;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.smtp.DsnNotify;
import eu.sovereignmail.gateway.smtp.DsnRet;
import eu.sovereignmail.gateway.smtp.OriginalRecipient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/** Envelopes and message bodies for spool (and meter) tests, derived from the id so a reader can check them without a log. */
public final class TestEnvelopes {
  private TestEnvelopes() {}

  public static Envelope envelope(String... recipients) {
    EntryId id = EntryId.next();
    List<Recipient> rcpts = recipients.length == 0
        ? List.of(new Recipient("bob@example.eu", Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE), new OriginalRecipient("rfc822", "bob@old.example")),
            Recipient.of("carol@example.eu"))
        : java.util.Arrays.stream(recipients).map(Recipient::of).toList();
    return new Envelope(id, Instant.now().truncatedTo(ChronoUnit.MICROS), Direction.INBOUND, "alice@example.eu", rcpts,
        DsnRet.HDRS, "env-" + id, BodyType.EIGHT_BIT_MIME, false, "192.0.2.7", "mx.sender.example", null);
  }

  /** A message whose bytes follow from the id: a header naming it, then a body of id-dependent length. */
  public static byte[] messageFor(EntryId id) {
    int bodyLines = Math.floorMod(id.uuid().getLeastSignificantBits(), 200);
    StringBuilder s = new StringBuilder("Message-ID: <" + id + "@test>\r\nSubject: spool\r\n\r\n");
    for (int i = 0; i < bodyLines; i++) {
      s.append(id).append(' ').append(i).append("\r\n");
    }
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
