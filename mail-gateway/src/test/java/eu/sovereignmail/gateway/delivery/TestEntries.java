package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.RecipientState;
import eu.sovereignmail.gateway.spool.Spool;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;

/** Spools test messages and reads one recipient's state back: shared by the delivery tests. */
final class TestEntries {
  private TestEntries() {}

  static EntryId spool(Spool spool, Instant receivedAt, byte[] message, String mailFrom, String... recipients) {
    Envelope envelope = new Envelope(EntryId.next(), receivedAt, Direction.INBOUND, mailFrom,
        List.of(recipients).stream().map(Recipient::of).toList(), null, null, BodyType.SEVEN_BIT, false,
        "192.0.2.10", "client.example.org", null);
    return spool.accept(envelope, new ByteArrayInputStream(message)).join().id();
  }

  static RecipientState state(Spool spool, EntryId id, String address) {
    return spool.get(id).orElseThrow().recipients().stream()
        .filter(r -> r.recipient().address().equals(address)).findFirst().orElseThrow();
  }
}
