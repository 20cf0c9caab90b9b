package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.spool.SpoolEntry;

/**
 * Told after a recipient was durably marked failed (5xx, or retries ran out): the hook where the DSN issue will
 * build the RFC 3464 report. Called on a delivery thread; must not throw and should return quickly.
 */
@FunctionalInterface
public interface PermanentFailureListener {
  PermanentFailureListener NONE = (entry, recipient, reason) -> {};

  void failed(SpoolEntry entry, String recipient, String reason);
}
