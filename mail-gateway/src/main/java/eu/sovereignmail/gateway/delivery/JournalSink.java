package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.spool.SpoolEntry;
import java.io.IOException;
import java.io.InputStream;

/** The spool's view of the archive: journal one entry durably and idempotently (a redo after a crash is safe). */
public interface JournalSink {
  /** Durable when it returns; throws when the message could not be journaled (the entry stays unjournaled). */
  void journal(SpoolEntry entry, InputStream message) throws IOException;
}
