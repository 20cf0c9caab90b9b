package eu.sovereignmail.gateway.routing;

/** Where alerts go (log line, metric, webhook, mail to postmaster); one sink failing must not stop the others. */
@FunctionalInterface
public interface AlertSink {
  /** Delivers or queues the alert; must not throw and must return quickly (slow work goes to a background thread). */
  void raise(Alert alert);
}
