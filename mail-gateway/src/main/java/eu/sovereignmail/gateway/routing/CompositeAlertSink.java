package eu.sovereignmail.gateway.routing;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Raises each alert in every sink, so one broken channel (a webhook, the spool) never silences the others. */
public final class CompositeAlertSink implements AlertSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CompositeAlertSink.class);

  private final List<AlertSink> sinks;

  public CompositeAlertSink(List<AlertSink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  public static CompositeAlertSink of(AlertSink... sinks) {
    return new CompositeAlertSink(List.of(sinks));
  }

  @Override
  public void raise(Alert alert) {
    for (AlertSink sink : sinks) {
      try {
        sink.raise(alert);
      } catch (RuntimeException e) {
        LOG.warn("event=alert.sink_failed sink={} kind={} error=\"{}\"", sink.getClass().getSimpleName(), alert.kind(),
            e.toString());
      }
    }
  }

  /** Closes the sinks that hold threads or connections; one failing to close does not stop the others. */
  @Override
  public void close() {
    for (AlertSink sink : sinks) {
      if (sink instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("event=alert.sink_close_failed sink={} error=\"{}\"", sink.getClass().getSimpleName(), e.toString());
        }
      }
    }
  }
}
