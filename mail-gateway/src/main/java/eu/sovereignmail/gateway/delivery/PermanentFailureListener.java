package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.spool.SpoolEntry;
import java.io.IOException;
import java.util.List;

/**
 * Told when recipients of one entry failed for good (5xx, or retries ran out), before they are marked failed in the
 * spool: the DSN goes back to the sender from here. It must be durable when this returns (the DSN spooled); when it
 * throws, the recipients stay pending and the whole decision is taken again later, so a crash can at worst repeat a
 * DSN, never lose one.
 */
@FunctionalInterface
public interface PermanentFailureListener {
  PermanentFailureListener NONE = (entry, recipients) -> {};

  void failed(SpoolEntry entry, List<FailedRecipient> recipients) throws IOException;
}
