package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.spool.DeliveryOutcome;
import eu.sovereignmail.gateway.spool.DeliveryStatus;
import eu.sovereignmail.gateway.spool.Destination;
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
 * Drains the spool: journals each entry once, then delivers its pending recipients along their continuity routes
 * (James, the legacy provider, or both) and records every outcome in the spool, retrying deferred recipients on the
 * {@link RetrySchedule} and reporting failures through the {@link PermanentFailureListener} (DSN). All decisions are durable in
 * the spool; the only memory state is which entries are in flight and when a failed journal append is retried.
 */
public final class DeliveryWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  private final Spool spool;
  private final JournalSink journal;
  private final Map<Destination, Transport> transports;
  private final Routing routing;
  private final DeliverySettings settings;
  private final PermanentFailureListener failures;
  private final DeliveryObserver observer;
  private final Clock clock;
  private final Set<EntryId> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<EntryId, JournalRetry> journalRetries = new ConcurrentHashMap<>();
  private final Semaphore permits;
  private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("delivery-", 0).factory());
  private volatile boolean running;
  private volatile Thread loop;

  /** For tests and tools that count nothing. */
  private static final DeliveryObserver QUIET = new DeliveryObserver() {
    @Override
    public void reached(Destination destination) {}

    @Override
    public void decided(DeliveryOutcome outcome) {}
  };

  /** When an entry whose journal append failed is tried again, and how many appends have failed so far. */
  private record JournalRetry(int failures, Instant at) {}

  /** A worker that sends every recipient to James through {@code james} (no continuity routes, no outbound). */
  public DeliveryWorker(Spool spool, JournalSink journal, Transport james, DeliverySettings settings,
      PermanentFailureListener failures, Clock clock) {
    this(spool, journal, Map.of(Destination.JAMES, james), Routing.ALL_SOVEREIGN, settings, failures, clock);
  }

  /** {@code transports}: the next hop per destination; a destination without one defers its recipients. */
  public DeliveryWorker(Spool spool, JournalSink journal, Map<Destination, Transport> transports, Routing routing,
      DeliverySettings settings, PermanentFailureListener failures, Clock clock) {
    this(spool, journal, transports, routing, settings, failures, QUIET, clock);
  }

  /** As above, telling {@code observer} each durable outcome (the gateway's meters). */
  public DeliveryWorker(Spool spool, JournalSink journal, Map<Destination, Transport> transports, Routing routing,
      DeliverySettings settings, PermanentFailureListener failures, DeliveryObserver observer, Clock clock) {
    this.spool = spool;
    this.journal = journal;
    this.transports = Map.copyOf(transports);
    this.routing = routing;
    this.settings = settings;
    this.failures = failures;
    this.observer = observer;
    this.clock = clock;
    this.permits = new Semaphore(settings.concurrency());
  }

  public synchronized void start() {
    if (loop != null) {
      throw new IllegalStateException("delivery worker already started");
    }
    running = true;
    loop = Thread.ofVirtual().name("delivery-loop").start(this::pollLoop);
    LOG.info("event=delivery.started destinations={} concurrency={}", transports.keySet(), settings.concurrency());
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

  /** One pass over one entry: journal if needed, then one {@link DeliveryPass} for the recipients that are due. */
  void process(EntryId id) {
    Optional<SpoolEntry> current = spool.get(id);
    if (current.isEmpty()) {
      return;
    }
    SpoolEntry entry = current.get();
    if (!entry.journaled() && !journal(entry)) {
      return;
    }
    if (entry.held()) {
      return;
    }
    Instant now = clock.instant();
    List<RecipientState> due = entry.recipients().stream()
        .filter(r -> r.status() == DeliveryStatus.PENDING && (r.nextAttempt() == null || !r.nextAttempt().isAfter(now)))
        .toList();
    if (due.isEmpty()) {
      return;
    }
    List<DeliveryPass.Result> results = new DeliveryPass(entry, transports, routing, settings.retry(), clock,
        () -> spool.openMessage(id)).run(due);
    record(entry, results);
  }

  /**
   * Makes a pass durable: reached destinations first (so a crash never re-sends a copy that arrived), then the DSN
   * for failed recipients, then the outcomes. If the DSN cannot be spooled the failures are deferred instead, so
   * they are decided (and reported) again later.
   */
  private void record(SpoolEntry entry, List<DeliveryPass.Result> results) {
    EntryId id = entry.id();
    try {
      List<CompletableFuture<Void>> reached = new ArrayList<>();
      for (DeliveryPass.Result result : results) {
        result.reached().forEach(d -> reached.add(spool.markReached(id, result.address(), d)));
      }
      CompletableFuture.allOf(reached.toArray(CompletableFuture[]::new)).join();
      List<FailedRecipient> failed = results.stream().flatMap(r -> r.failure().stream()).toList();
      boolean reported = failed.isEmpty() || report(entry, failed);
      List<CompletableFuture<Void>> marks = new ArrayList<>();
      List<DeliveryOutcome> outcomes = new ArrayList<>();
      for (DeliveryPass.Result result : results) {
        DeliveryOutcome outcome = result.outcome();
        if (outcome instanceof DeliveryOutcome.Failed f && !reported) {
          outcome = new DeliveryOutcome.Deferred(f.error(), clock.instant().plus(settings.retry().initial()));
        }
        log(entry, result.address(), outcome);
        marks.add(spool.markRecipient(id, result.address(), outcome));
        outcomes.add(outcome);
      }
      CompletableFuture.allOf(marks.toArray(CompletableFuture[]::new)).join();
      observe(results, outcomes);
    } catch (RuntimeException e) {
      LOG.warn("event=delivery.mark_failed id={} reason={}", id, e.toString());
    }
  }

  private void observe(List<DeliveryPass.Result> results, List<DeliveryOutcome> outcomes) {
    try {
      results.forEach(result -> result.reached().forEach(observer::reached));
      outcomes.forEach(observer::decided);
    } catch (RuntimeException e) {
      LOG.warn("event=delivery.observer_failed error=\"{}\"", e.toString());
    }
  }

  private boolean report(SpoolEntry entry, List<FailedRecipient> failed) {
    try {
      failures.failed(entry, failed);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.error("event=delivery.dsn_failed id={} recipients={} reason={}", entry.id(), failed.size(), e.toString());
      return false;
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

  private static void log(SpoolEntry entry, String recipient, DeliveryOutcome outcome) {
    switch (outcome) {
      case DeliveryOutcome.Delivered d -> LOG.debug("event=delivery.delivered id={} rcpt={}", entry.id(), recipient);
      case DeliveryOutcome.Deferred d -> LOG.info("event=delivery.deferred id={} rcpt={} next_attempt={} reply=\"{}\"",
          entry.id(), recipient, d.nextAttempt(), d.error());
      case DeliveryOutcome.Failed f -> LOG.warn("event=delivery.failed id={} rcpt={} reason=\"{}\"", entry.id(), recipient, f.error());
    }
  }
}
