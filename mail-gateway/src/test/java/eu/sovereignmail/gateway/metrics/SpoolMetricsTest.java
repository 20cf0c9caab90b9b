package eu.sovereignmail.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolMetricsTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;
  private Spool spool;

  @BeforeEach
  void open() throws Exception {
    spool = Spool.open(dir, SpoolSettings.defaults());
  }

  @AfterEach
  void close() throws Exception {
    spool.close();
  }

  @Test
  void gaugesShowDepthHeldOldestAgeAndBatchSizes() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new SpoolMetrics(spool, CLOCK, Duration.ZERO).bindTo(registry);
    assertThat(gauge(registry, "sovereign.queue.depth")).isZero();
    assertThat(gauge(registry, "sovereign.queue.oldest.age")).isZero();

    EntryId oldest = spool(NOW.minusSeconds(90));
    spool(NOW.minusSeconds(30));
    spool(NOW.minusSeconds(5));
    spool.hold(oldest, true).get(10, TimeUnit.SECONDS);

    assertThat(gauge(registry, "sovereign.queue.depth")).isEqualTo(3);
    assertThat(gauge(registry, "sovereign.queue.held")).isEqualTo(1);
    assertThat(gauge(registry, "sovereign.queue.oldest.age")).isEqualTo(90.0);
    assertThat(registry.get("sovereign.queue.oldest.age").gauge().getId().getBaseUnit()).isEqualTo("seconds");
    // four fsyncs (three commits, one hold), one at a time here
    assertThat(gauge(registry, "sovereign.spool.fsync.batch.mean")).isEqualTo(spool.stats().meanBatchSize()).isGreaterThanOrEqualTo(1.0);
    assertThat(gauge(registry, "sovereign.spool.fsync.batch.largest")).isEqualTo(spool.stats().largestBatch()).isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void queueFiguresAreReusedWithinThePeriod() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new SpoolMetrics(spool, CLOCK, Duration.ofSeconds(1)).bindTo(registry);
    assertThat(gauge(registry, "sovereign.queue.depth")).isZero();

    spool(NOW.minusSeconds(10));

    // the fixed clock never leaves the first second: every gauge answers from the first look
    assertThat(gauge(registry, "sovereign.queue.depth")).isZero();
    assertThat(gauge(registry, "sovereign.queue.oldest.age")).isZero();
    SimpleMeterRegistry fresh = new SimpleMeterRegistry();
    new SpoolMetrics(spool, Clock.offset(CLOCK, Duration.ofSeconds(1)), Duration.ofSeconds(1)).bindTo(fresh);
    assertThat(gauge(fresh, "sovereign.queue.depth")).isEqualTo(1);
    assertThat(gauge(fresh, "sovereign.queue.oldest.age")).isEqualTo(11.0);
  }

  private EntryId spool(Instant receivedAt) throws Exception {
    EntryId id = EntryId.next();
    Envelope envelope = new Envelope(id, receivedAt, Direction.INBOUND, "alice@example.net",
        List.of(Recipient.of("bob@example.eu")), null, null, BodyType.SEVEN_BIT, false, "192.0.2.7", "mx.example.net", null);
    spool.accept(envelope, new ByteArrayInputStream("Subject: x\r\n\r\nx\r\n".getBytes())).get(10, TimeUnit.SECONDS);
    return id;
  }

  private static double gauge(SimpleMeterRegistry registry, String name) {
    return registry.get(name).gauge().value();
  }
}
