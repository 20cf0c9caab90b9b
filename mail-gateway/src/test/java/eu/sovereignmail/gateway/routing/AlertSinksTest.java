package eu.sovereignmail.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The log, metric and composite sinks: one line per alert, a counter per kind, and a failing sink isolated. */
class AlertSinksTest {
  private static final Alert FAILOVER = new Alert(Instant.parse("2025-05-20T08:00:00Z"), "failover", "alice@example.eu",
      "alice@example.eu failed over to SOVEREIGN", "550 5.2.1 \"Mailbox disabled\"\nforged: line");

  @Test
  void theLogSinkWritesOneWarnLineWithKeyValueFields() {
    Logger logger = (Logger) LoggerFactory.getLogger(LogAlertSink.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      new LogAlertSink().raise(FAILOVER);
    } finally {
      logger.detachAppender(lines);
    }

    assertThat(lines.list).hasSize(1);
    ILoggingEvent line = lines.list.getFirst();
    assertThat(line.getLevel()).isEqualTo(Level.WARN);
    assertThat(line.getFormattedMessage())
        .startsWith("event=alert kind=failover subject=alice@example.eu at=2025-05-20T08:00:00Z")
        .contains("summary=\"alice@example.eu failed over to SOVEREIGN\"")
        .contains("detail=\"550 5.2.1 'Mailbox disabled' forged: line\"")
        .doesNotContain("\n");
  }

  @Test
  void anOddSubjectIsQuotedSoTheLineStaysParseable() {
    Logger logger = (Logger) LoggerFactory.getLogger(LogAlertSink.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      new LogAlertSink().raise(new Alert(FAILOVER.at(), "failover", "\"a b\"@example.eu", "s", ""));
    } finally {
      logger.detachAppender(lines);
    }

    assertThat(lines.list.getFirst().getFormattedMessage()).contains("subject=\"'a b'@example.eu\" ");
  }

  @Test
  void theMetricSinkCountsAlertsPerKindAsSovereignAlertsTotal() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MetricAlertSink sink = new MetricAlertSink(registry);

    sink.raise(FAILOVER);
    sink.raise(FAILOVER);
    sink.raise(new Alert(FAILOVER.at(), "legacy_unreachable", "legacy.example", "down", ""));

    assertThat(registry.scrape())
        .contains("sovereign_alerts_total{kind=\"failover\"} 2.0")
        .contains("sovereign_alerts_total{kind=\"legacy_unreachable\"} 1.0");
  }

  @Test
  void theCompositeRaisesInEverySinkEvenWhenOneThrows() {
    List<String> reached = new ArrayList<>();
    AlertSink broken = alert -> {
      throw new IllegalStateException("webhook misconfigured");
    };
    CompositeAlertSink composite = CompositeAlertSink.of(
        alert -> reached.add("first " + alert.subject()), broken, alert -> reached.add("last " + alert.subject()));

    assertThatCode(() -> composite.raise(FAILOVER)).doesNotThrowAnyException();

    assertThat(reached).containsExactly("first alice@example.eu", "last alice@example.eu");
  }

  @Test
  void theCompositeClosesWhatItCanClose() {
    AtomicBoolean closed = new AtomicBoolean();
    class Closeable implements AlertSink, AutoCloseable {
      @Override
      public void raise(Alert alert) {}

      @Override
      public void close() {
        closed.set(true);
      }
    }
    class FailsToClose implements AlertSink, AutoCloseable {
      @Override
      public void raise(Alert alert) {}

      @Override
      public void close() throws Exception {
        throw new Exception("cannot");
      }
    }

    new CompositeAlertSink(List.of(new FailsToClose(), new LogAlertSink(), new Closeable())).close();

    assertThat(closed).isTrue();
  }
}
