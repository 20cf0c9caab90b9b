package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.journal.Envelope;
import eu.sovereignmail.archive.journal.Journal;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** Journals spool entries into the archive: the spool envelope becomes the archive's, the spool id its record id. */
public final class ArchiveJournalSink implements JournalSink {
  private final Journal journal;
  private final String gatewayNode;

  public ArchiveJournalSink(Journal journal, String gatewayNode) {
    this.journal = Objects.requireNonNull(journal, "journal");
    this.gatewayNode = Objects.requireNonNull(gatewayNode, "gatewayNode");
  }

  @Override
  public void journal(SpoolEntry entry, InputStream message) throws IOException {
    journal.append(entry.id().toString(), envelope(entry), message);
  }

  Envelope envelope(SpoolEntry entry) {
    var spooled = entry.envelope();
    return new Envelope(
        spooled.mailFrom() == null ? "" : spooled.mailFrom(),
        spooled.recipients().stream().map(Recipient::address).toList(),
        Direction.valueOf(spooled.direction().name()),
        spooled.clientIp(),
        spooled.authenticatedUser(),
        gatewayNode,
        spooled.receivedAt());
  }
}
