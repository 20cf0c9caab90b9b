package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.spool.Destination;
import eu.sovereignmail.gateway.spool.DeliveryOutcome;

/**
 * Told of each recipient's outcome once the worker has made it durable, so meters count deliveries without the
 * worker knowing about them. Called on delivery threads: keep it short and never throw.
 */
public interface DeliveryObserver {

  /** One recipient's copy reached {@code destination} (a DUAL recipient reaches two). */
  void reached(Destination destination);

  /** One recipient's pass ended with {@code outcome} (delivered everywhere, deferred, or failed for good). */
  void decided(DeliveryOutcome outcome);
}
