package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.smtp.SmtpReply;
import eu.sovereignmail.gateway.spool.DeliveryOutcome;
import eu.sovereignmail.gateway.spool.DeliveryStatus;
import eu.sovereignmail.gateway.spool.EntryId;
import eu.sovereignmail.gateway.spool.RecipientState;
import eu.sovereignmail.gateway.spool.Spool;
import eu.sovereignmail.gateway.spool.SpoolEntry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the spool: journals each entry once, then delivers its pending recipients to James over LMTP and records
 * every outcome in the spool, retrying deferred recipients on the {@link RetrySchedule}. All decisions are durable in
 * the spool; the only memory state is which entries are in flight and when a failed journal append is retried.
 */
public final class DeliveryWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  private final Spool spool;
  private final JournalSink journal;
  private final LmtpClient lmtp;
  private final DeliverySettings settings;
  private final PermanentFailureListener failures;
  private final Clock clock;
  private final Set<EntryId> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<EntryId, JournalRetry> journalRetries = new ConcurrentHashMap<>();
  private final Semaphore permits;
  private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("delivery-", 0).factory());
  private volatile boolean running;
  private volatile Thread loop;

  /** When an entry whose journal append failed is tried again, and how many appends have failed so far. */
  private record JournalRetry(int failures, Instant at) {}

  public DeliveryWorker(Spool spool, JournalSink journal, LmtpClient lmtp, DeliverySettings settings,
      PermanentFailureListener failures, Clock clock) {
    this.spool = spool;
    this.journal = journal;
    this.lmtp = lmtp;
    this.settings = settings;
    this.failures = failures;
    this.clock = clock;
    this.permits = new Semaphore(settings.concurrency());
  }

  public synchronized void start() {
    if (loop != null) {
      throw new IllegalStateException("delivery worker already started");
    }
    running = true;
    loop = Thread.ofVirtual().name("delivery-loop").start(this::pollLoop);
    LOG.info("event=delivery.started lmtp={}:{} concurrency={}", lmtp.target().host(), lmtp.target().port(),
        settings.concurrency());
  }

  /** Polls now instead of at the next interval, e.g. after a message was spooled. */
  public void wakeUp() {
    Thread current = loop;
    if (current != null) {
      LockSupport.unpark(current);
    }
  }

  /** Stops taking entries and waits for the deliveries in flight to finish. */
  @Override
  public void close() {
    Thread current;
    synchronized (this) {
      running = false;
      current = loop;
    }
    if (current != null) {
      LockSupport.unpark(current);
      try {
        current.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    executor.close();
    LOG.info("event=delivery.stopped");
  }

  private void pollLoop() {
    while (running) {
      try {
        dispatchDue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("event=delivery.poll_failed reason={}", e.toString(), e);
      }
      if (running) {
        LockSupport.parkNanos(settings.pollInterval().toNanos());
      }
    }
  }

  private void dispatchDue() throws InterruptedException {
    Instant now = clock.instant();
    for (SpoolEntry entry : spool.pending(now)) {
      if (!running) {
        return;
      }
      JournalRetry retry = journalRetries.get(entry.id());
      if (inFlight.contains(entry.id()) || (retry != null && retry.at().isAfter(now))) {
        continue;
      }
      permits.acquire();
      if (!inFlight.add(entry.id())) {
        permits.release();
        continue;
      }
      executor.execute(() -> {
        try {
          process(entry.id());
        } catch (RuntimeException e) {
          LOG.error("event=delivery.entry_failed id={} reason={}", entry.id(), e.toString(), e);
        } finally {
          inFlight.remove(entry.id());
          permits.release();
        }
      });
    }
  }

  /** One pass over one entry: journal if needed, then one LMTP transaction for the recipients that are due. */
  void process(EntryId id) {
    Optional<SpoolEntry> current = spool.get(id);
    if (current.isEmpty()) {
      return;
    }
    SpoolEntry entry = current.get();
    if (!entry.journaled() && !journal(entry)) {
      return;
    }
    Instant now = clock.instant();
    List<String> due = entry.recipients().stream()
        .filter(r -> r.status() == DeliveryStatus.PENDING && (r.nextAttempt() == null || !r.nextAttempt().isAfter(now)))
        .map(r -> r.recipient().address())
        .toList();
    if (due.isEmpty()) {
      return;
    }
    List<RecipientReply> replies = deliver(entry, due);
    Instant decidedAt = clock.instant();
    List<CompletableFuture<Void>> marks = new ArrayList<>();
    List<Runnable> afterMarks = new ArrayList<>();
    for (RecipientReply reply : replies) {
      DeliveryOutcome outcome = outcome(entry, reply, decidedAt);
      log(entry, reply, outcome);
      marks.add(spool.markRecipient(id, reply.recipient(), outcome));
      if (outcome instanceof DeliveryOutcome.Failed failed) {
        afterMarks.add(() -> notifyFailed(entry, reply.recipient(), failed.error()));
      }
    }
    try {
      CompletableFuture.allOf(marks.toArray(CompletableFuture[]::new)).join();
      afterMarks.forEach(Runnable::run);
    } catch (RuntimeException e) {
      LOG.warn("event=delivery.mark_failed id={} reason={}", id, e.toString());
    }
  }

  private boolean journal(SpoolEntry entry) {
    try (InputStream message = spool.openMessage(entry.id())) {
      journal.journal(entry, message);
    } catch (IOException | RuntimeException e) {
      JournalRetry previous = journalRetries.get(entry.id());
      int failed = previous == null ? 1 : previous.failures() + 1;
      Duration wait = settings.retry().delayAfter(failed);
      journalRetries.put(entry.id(), new JournalRetry(failed, clock.instant().plus(wait)));
      LOG.warn("event=delivery.journal_failed id={} failures={} retry_in_ms={} reason={}", entry.id(), failed,
          wait.toMillis(), e.toString());
      return false;
    }
    try {
      spool.markJournaled(entry.id()).join();
      journalRetries.remove(entry.id());
      return true;
    } catch (RuntimeException e) {
      LOG.warn("event=delivery.mark_journaled_failed id={} reason={}", entry.id(), e.toString());
      return false;
    }
  }

  private List<RecipientReply> deliver(SpoolEntry entry, List<String> recipients) {
    var envelope = entry.envelope();
    DeliveryTransaction transaction = DeliveryTransaction.simple(envelope.mailFrom(), recipients, entry.messageSize(),
        envelope.body(), envelope.smtpUtf8());
    try {
      return lmtp.deliver(transaction, () -> spool.openMessage(entry.id()));
    } catch (IOException e) {
      SmtpReply unreachable = SmtpReply.of(451, "4.4.1", "LMTP backend unavailable: " + e.getMessage());
      return recipients.stream().map(r -> new RecipientReply(r, unreachable)).toList();
    }
  }

  /** 2xx delivered, 5xx failed, 4xx deferred on the schedule, or failed once the message is too old to wait more. */
  private DeliveryOutcome outcome(SpoolEntry entry, RecipientReply reply, Instant now) {
    SmtpReply smtp = reply.reply();
    if (smtp.positive()) {
      return new DeliveryOutcome.Delivered();
    }
    if (!smtp.transientFailure()) {
      return new DeliveryOutcome.Failed(smtp.toString());
    }
    int attempts = entry.recipients().stream()
        .filter(r -> r.recipient().address().equals(reply.recipient()))
        .mapToInt(RecipientState::attempts).findFirst().orElse(0) + 1;
    return settings.retry().nextAttempt(entry.envelope().receivedAt(), attempts, now)
        .<DeliveryOutcome>map(at -> new DeliveryOutcome.Deferred(smtp.toString(), at))
        .orElseGet(() -> new DeliveryOutcome.Failed("retries exhausted after " + attempts + " attempts, last: " + smtp));
  }

  private static void log(SpoolEntry entry, RecipientReply reply, DeliveryOutcome outcome) {
    switch (outcome) {
      case DeliveryOutcome.Delivered d -> LOG.debug("event=delivery.delivered id={} rcpt={}", entry.id(), reply.recipient());
      case DeliveryOutcome.Deferred d -> LOG.info("event=delivery.deferred id={} rcpt={} next_attempt={} reply=\"{}\"",
          entry.id(), reply.recipient(), d.nextAttempt(), reply.reply());
      case DeliveryOutcome.Failed f -> LOG.warn("event=delivery.failed id={} rcpt={} reason=\"{}\"",
          entry.id(), reply.recipient(), f.error());
    }
  }

  private void notifyFailed(SpoolEntry entry, String recipient, String reason) {
    try {
      failures.failed(entry, List.of(new FailedRecipient(
          entry.envelope().recipients().get(entry.envelope().indexOf(recipient)), null, null, reason)));
    } catch (IOException | RuntimeException e) {
      LOG.error("event=delivery.failure_listener_threw id={} reason={}", entry.id(), e.toString(), e);
    }
  }
}
