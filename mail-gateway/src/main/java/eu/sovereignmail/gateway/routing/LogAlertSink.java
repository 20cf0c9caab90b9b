package eu.sovereignmail.gateway.routing;

import eu.sovereignmail.gateway.routing.internal.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Alerts as one WARN line each ({@code event=alert kind=… subject=…}), the sink every deployment has. */
public final class LogAlertSink implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(LogAlertSink.class);

  @Override
  public void raise(Alert alert) {
    LOG.warn("event=alert kind={} subject={} at={} summary={} detail={}", alert.kind(), LogText.value(alert.subject()),
        alert.at(), LogText.quoted(alert.summary()), LogText.quoted(alert.detail()));
  }
}
