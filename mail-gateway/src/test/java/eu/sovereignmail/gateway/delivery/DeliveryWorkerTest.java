package eu.sovereignmail.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.sovereignmail.gateway.smtp.BodyType;
import eu.sovereignmail.gateway.spool.DeliveryStatus;
import eu.sovereignmail.gateway.spool.Direction;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.Envelope;
import eu.sovereignmail.gateway.spool.Recipient;
import eu.sovereignmail.gateway.spool.RecipientState;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import eu.sovereignmail.gateway.spool.SpoolSettings;
import eu.sovereignmail.identity.auth.MutableClock;
import eu.sovereignmail.stack.process.Ports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker against a real spool, an in-memory journal and a scripted LMTP server, on a hand-moved clock. */
class DeliveryWorkerTest {
  private static final Duration AWAIT = Duration.ofSeconds(10);
  private static final RetrySchedule RETRY = new RetrySchedule(Duration.ofMinutes(1), Duration.ofMinutes(4), Duration.ofMinutes(30));
  private static final byte[] MESSAGE = ("Subject: test\r\n\r\nhello\r\n.a line starting with a dot\r\n.\r\nbye\r\n")
      .getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path dir;

  private final MutableClock clock = new MutableClock(Instant.now());
  private final RecordingJournal journal = new RecordingJournal();
  private final List<String> permanentFailures = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closeAtEnd = new ArrayList<>();
  private Spool spool;
  private int port;
  private DeliveryWorker worker;

  @BeforeEach
  void openSpool() throws IOException {
    spool = Spool.open(dir.resolve("spool"), SpoolSettings.defaults());
    port = Ports.freeLoopbackPort();
  }

  @AfterEach
  void closeAll() throws Exception {
    if (worker != null) {
      worker.close();
    }
    for (AutoCloseable c : closeAtEnd) {
      c.close();
    }
    spool.close();
  }

  @Test
  void deliversEveryRecipientJournalsOnceAndTheEntryLeaves() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.acceptingAll(port));
    EntryId id = spool(null, "alice@example.eu", "bob@example.eu");
    startWorker();

    await().atMost(AWAIT).until(() -> spool.list().isEmpty());
    assertThat(journal.appended).containsExactly(id);
    assertThat(journal.bytes.get(id)).isEqualTo(MESSAGE);
    assertThat(server.received()).hasSize(1);
    FakeLmtpServer.Received received = server.received().getFirst();
    assertThat(received.mailFromLine()).isEqualTo("MAIL FROM:<> SIZE=" + MESSAGE.length);
    assertThat(received.recipients()).containsExactly("alice@example.eu", "bob@example.eu");
    assertThat(received.content()).as("dot-stuffed on the wire, byte-identical after").isEqualTo(MESSAGE);
    assertThat(permanentFailures).isEmpty();
  }

  @Test
  void mixedOutcomesAreRecordedPerRecipient() throws Exception {
    server(FakeLmtpServer.start(port,
        rcpt -> rcpt.startsWith("bad") ? "550 5.1.1 no such user" : "250 2.1.5 OK",
        rcpt -> rcpt.startsWith("busy") ? "452 4.2.2 mailbox full" : "250 2.0.0 delivered"));
    EntryId id = spool("sender@example.org", "ok@example.eu", "busy@example.eu", "bad@example.eu");
    startWorker();

    await().atMost(AWAIT).until(() -> state(id, "busy@example.eu").attempts() == 1);
    assertThat(state(id, "ok@example.eu").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(state(id, "bad@example.eu").status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(state(id, "bad@example.eu").lastError()).contains("550 5.1.1");
    RecipientState busy = state(id, "busy@example.eu");
    assertThat(busy.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(busy.lastError()).contains("452 4.2.2 mailbox full");
    assertThat(busy.nextAttempt()).isEqualTo(clock.instant().plus(RETRY.initial()));
    await().atMost(AWAIT).until(() -> permanentFailures.equals(List.of(id + " bad@example.eu")));
    assertThat(spool.get(id).orElseThrow().journaled()).isTrue();
  }

  @Test
  void backendDownDefersEveryRecipientThenDeliversWhenItIsBack() throws Exception {
    EntryId id = spool("sender@example.org", "alice@example.eu", "bob@example.eu");
    startWorker();

    await().atMost(AWAIT).until(() -> state(id, "alice@example.eu").attempts() == 1 && state(id, "bob@example.eu").attempts() == 1);
    SpoolEntry deferred = spool.get(id).orElseThrow();
    assertThat(deferred.journaled()).isTrue();
    assertThat(deferred.recipients()).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(DeliveryStatus.PENDING);
      assertThat(r.lastError()).contains("451 4.4.1 james unavailable");
    });

    FakeLmtpServer server = server(FakeLmtpServer.acceptingAll(port));
    clock.advance(RETRY.initial());
    worker.wakeUp();
    await().atMost(AWAIT).until(() -> spool.list().isEmpty());
    assertThat(server.received()).hasSize(1);
    assertThat(server.received().getFirst().content()).isEqualTo(MESSAGE);
  }

  @Test
  void deferredRecipientsBackOffExponentiallyUpToTheCap() throws Exception {
    server(FakeLmtpServer.start(port, rcpt -> "452 4.2.2 mailbox full", rcpt -> "250 2.0.0 unused"));
    EntryId id = spool("sender@example.org", "busy@example.eu");
    startWorker();

    List<Duration> waits = new ArrayList<>();
    for (int attempt = 1; attempt <= 5; attempt++) {
      int expected = attempt;
      await().atMost(AWAIT).until(() -> state(id, "busy@example.eu").attempts() == expected);
      RecipientState busy = state(id, "busy@example.eu");
      waits.add(Duration.between(clock.instant(), busy.nextAttempt()));
      clock.advance(Duration.between(clock.instant(), busy.nextAttempt()));
      worker.wakeUp();
    }
    assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
        Duration.ofMinutes(4), Duration.ofMinutes(4));
  }

  @Test
  void afterTheMaximumAgeADeferredRecipientFailsAndTheListenerHears() throws Exception {
    server(FakeLmtpServer.start(port, rcpt -> "250 2.1.5 OK", rcpt -> "451 4.3.0 temporary trouble"));
    EntryId id = spool("sender@example.org", "alice@example.eu");
    startWorker();

    await().atMost(AWAIT).until(() -> state(id, "alice@example.eu").attempts() == 1);
    clock.advance(RETRY.maxAge());
    worker.wakeUp();
    await().atMost(AWAIT).until(() -> spool.get(id).isEmpty());
    assertThat(permanentFailures).containsExactly(id + " alice@example.eu");
  }

  @Test
  void aFailedJournalAppendIsNotMarkedNorDeliveredAndIsRetried() throws Exception {
    FakeLmtpServer server = server(FakeLmtpServer.acceptingAll(port));
    journal.failuresLeft.set(2);
    EntryId id = spool("sender@example.org", "alice@example.eu");
    startWorker();

    await().atMost(AWAIT).until(() -> journal.failuresLeft.get() == 1);
    Thread.sleep(200); // several poll intervals: the retry waits for the clock
    assertThat(journal.failuresLeft.get()).isEqualTo(1);
    assertThat(spool.get(id).orElseThrow().journaled()).isFalse();
    assertThat(server.received()).isEmpty();

    clock.advance(RETRY.delayAfter(1));
    worker.wakeUp();
    await().atMost(AWAIT).until(() -> journal.failuresLeft.get() == 0);
    assertThat(spool.get(id).orElseThrow().journaled()).isFalse();
    clock.advance(RETRY.delayAfter(2));
    worker.wakeUp();
    await().atMost(AWAIT).until(() -> spool.list().isEmpty());
    assertThat(journal.appended).containsExactly(id);
    assertThat(server.received()).hasSize(1);
  }

  private void startWorker() {
    worker = new DeliveryWorker(spool, journal, new LmtpClient(new LmtpTarget("127.0.0.1", port, "gateway.test",
        Duration.ofSeconds(2), Duration.ofSeconds(5))), new DeliverySettings(2, Duration.ofMillis(20), RETRY),
        (entry, failed) -> failed.forEach(f -> permanentFailures.add(entry.id() + " " + f.recipient().address())), clock);
    worker.start();
  }

  private FakeLmtpServer server(FakeLmtpServer server) {
    closeAtEnd.add(server);
    return server;
  }

  private EntryId spool(String mailFrom, String... recipients) {
    return TestEntries.spool(spool, clock.instant(), MESSAGE, mailFrom, recipients);
  }

  private RecipientState state(EntryId id, String address) {
    return TestEntries.state(spool, id, address);
  }


  /** Keeps what was journaled; fails the first {@code failuresLeft} appends. */
  private static final class RecordingJournal implements JournalSink {
    final List<EntryId> appended = new CopyOnWriteArrayList<>();
    final Map<EntryId, byte[]> bytes = new ConcurrentHashMap<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @Override
    public void journal(SpoolEntry entry, InputStream message) throws IOException {
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IOException("archive database unavailable");
      }
      bytes.put(entry.id(), message.readAllBytes());
      appended.add(entry.id());
    }
  }
}
