package eu.sovereignmail.gateway.directory;

import eu.sovereignmail.gateway.smtp.session.Lookup;
import eu.sovereignmail.gateway.directory.internal.Addresses;
import eu.sovereignmail.gateway.smtp.Mailbox;
import eu.sovereignmail.gateway.smtp.session.RecipientPolicy;
import eu.sovereignmail.gateway.smtp.session.SenderPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local addresses the SMTP front door checks at RCPT and MAIL, kept in memory as an immutable snapshot so a
 * lookup never waits for the network: refreshed in the background, and on a miss at most once per
 * {@link DirectorySettings#missRefreshInterval()} (a user provisioned a moment ago is found; a flood of unknown
 * recipients cannot hammer the source). When the source is unreachable the last snapshot keeps serving.
 * Thread-safe; one per gateway.
 */
public final class Directory implements RecipientPolicy, SenderPolicy, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Directory.class);

  private final DirectorySource source;
  private final DirectorySettings settings;
  private final Executor refreshThreads = task -> Thread.ofVirtual().name("directory-refresh").start(task);
  private final CountDownLatch firstLoad = new CountDownLatch(1);
  private final Object refreshLock = new Object();
  private volatile DirectorySnapshot snapshot;
  /** True while the last refresh succeeded: a miss then is a real "unknown". */
  private volatile boolean current;
  private ScheduledExecutorService scheduler; // guarded by refreshLock
  private CompletableFuture<Boolean> inFlight; // guarded by refreshLock
  private long lastMissRefreshNanos; // guarded by refreshLock
  private boolean missRefreshed; // guarded by refreshLock
  private long outageSinceNanos; // guarded by refreshLock; 0 = no outage
  private long loadedNanos; // guarded by refreshLock

  public Directory(DirectorySource source, DirectorySettings settings) {
    this.source = Objects.requireNonNull(source, "source");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Starts the first load now and the background refresh after it; idempotent. */
  public void start() {
    synchronized (refreshLock) {
      if (scheduler != null) {
        return;
      }
      scheduler = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("directory-scheduler").factory());
      scheduler.scheduleWithFixedDelay(() -> refresh().join(), 0, settings.refreshInterval().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Waits until the first snapshot is in (the gateway's start waits here before opening its SMTP ports).
   *
   * @return false when {@code timeout} passed first: until then recipients are answered {@link Lookup#UNAVAILABLE}
   */
  public boolean awaitLoaded(Duration timeout) throws InterruptedException {
    return firstLoad.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Reads the source now (joining a refresh already running); true when it answered. */
  public boolean refreshNow() {
    return refresh().join();
  }

  /** The current picture, empty before the first successful load. */
  public Optional<DirectorySnapshot> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  /**
   * Whether mail to {@code address} is delivered here. A miss triggers a rate-limited refresh first; a miss that the
   * directory cannot confirm (never loaded, or the source unreachable since the last load) is
   * {@link Lookup#UNAVAILABLE}, so RCPT answers 450 instead of bouncing a user provisioned during the outage.
   */
  @Override
  public Lookup lookup(Mailbox address) {
    if (address.domain() == null) {
      return Lookup.KNOWN;
    }
    String normalized = Addresses.normalize(address.localPart(), address.domain());
    if (knows(snapshot, address, normalized)) {
      return Lookup.KNOWN;
    }
    refreshOnMiss();
    DirectorySnapshot now = snapshot;
    if (knows(now, address, normalized)) {
      return Lookup.KNOWN;
    }
    return now == null || !current ? Lookup.UNAVAILABLE : Lookup.UNKNOWN;
  }

  /**
   * True for a served domain or domain alias. Before the first load every domain is treated as local, so that RCPT
   * goes on to {@link #lookup}, which answers {@link Lookup#UNAVAILABLE} (a temporary failure, not a relay denial).
   * A domain miss does not refresh (every outbound recipient is one); a new domain is seen at the next background
   * refresh.
   */
  @Override
  public boolean isLocalDomain(String domain) {
    DirectorySnapshot now = snapshot;
    return now == null || now.isLocalDomain(domain);
  }

  /** {@link #lookup} is {@link Lookup#KNOWN}; the boolean cannot say "unavailable", see {@link Lookup}. */
  @Override
  public boolean isKnownLocal(Mailbox address) {
    return lookup(address) == Lookup.KNOWN;
  }

  /**
   * An authenticated {@code principal} (its mailbox address) may send as itself, as an alias that delivers to it, or
   * with the null sender.
   */
  @Override
  public boolean mayUse(String principal, Optional<Mailbox> reversePath) {
    if (reversePath.isEmpty()) {
      return true;
    }
    Mailbox sender = reversePath.get();
    if (sender.domain() == null) {
      return false;
    }
    String user = Addresses.normalize(principal);
    String address = Addresses.normalize(sender.localPart(), sender.domain());
    if (address.equals(user) || owns(snapshot, user, address)) {
      return true;
    }
    refreshOnMiss();
    return owns(snapshot, user, address);
  }

  /** Every address that delivers to {@code user}: its own, its aliases, their alias-domain spellings; empty when unknown. */
  public Set<String> addressesOf(String user) {
    DirectorySnapshot now = snapshot;
    return now == null ? Set.of() : now.addressesOf(user);
  }

  @Override
  public void close() {
    synchronized (refreshLock) {
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
    }
  }

  private static boolean knows(DirectorySnapshot snapshot, Mailbox address, String normalized) {
    return snapshot != null && (snapshot.isKnown(normalized)
        || address.isPostmaster() && snapshot.isLocalDomain(address.domain()));
  }

  private static boolean owns(DirectorySnapshot snapshot, String user, String address) {
    return snapshot != null && snapshot.ownerOf(address).filter(user::equals).isPresent();
  }

  /** A refresh for a miss, at most one started per interval; waits at most {@code missWait} for it. */
  private void refreshOnMiss() {
    CompletableFuture<Boolean> pending;
    synchronized (refreshLock) {
      long now = System.nanoTime();
      boolean due = !missRefreshed || now - lastMissRefreshNanos >= settings.missRefreshInterval().toNanos();
      if (due) {
        missRefreshed = true;
        lastMissRefreshNanos = now;
        pending = refresh();
      } else if (inFlight != null && !inFlight.isDone()) {
        pending = inFlight;
      } else {
        return;
      }
    }
    try {
      pending.get(settings.missWait().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException slow) {
      LOG.debug("event=directory.miss_refresh_slow wait_ms={}", settings.missWait().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException unexpected) {
      LOG.warn("event=directory.refresh_crashed", unexpected.getCause());
    }
  }

  /** Single flight: joins the refresh that is running, or starts one. */
  private CompletableFuture<Boolean> refresh() {
    synchronized (refreshLock) {
      if (inFlight == null || inFlight.isDone()) {
        inFlight = CompletableFuture.supplyAsync(this::load, refreshThreads);
      }
      return inFlight;
    }
  }

  private boolean load() {
    long started = System.nanoTime();
    DirectorySnapshot loaded;
    try {
      loaded = Objects.requireNonNull(source.load(), "source returned no snapshot");
    } catch (Exception e) {
      failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage());
      return false;
    }
    DirectorySnapshot previous = snapshot;
    snapshot = loaded;
    current = true;
    long ms = (System.nanoTime() - started) / 1_000_000;
    synchronized (refreshLock) {
      if (outageSinceNanos != 0) {
        LOG.info("event=directory.recovered outage_s={}", (System.nanoTime() - outageSinceNanos) / 1_000_000_000);
        outageSinceNanos = 0;
      }
      loadedNanos = System.nanoTime();
    }
    if (previous == null) {
      LOG.info("event=directory.loaded domains={} users={} aliases={} ms={}", loaded.domains().size(),
          loaded.users().size(), loaded.aliases().size(), ms);
    } else if (!previous.equals(loaded)) {
      LOG.info("event=directory.changed domains={} users={} aliases={} ms={}", loaded.domains().size(),
          loaded.users().size(), loaded.aliases().size(), ms);
    } else {
      LOG.debug("event=directory.refreshed ms={}", ms);
    }
    firstLoad.countDown();
    return true;
  }

  private void failed(String error) {
    current = false;
    synchronized (refreshLock) {
      if (outageSinceNanos == 0) {
        outageSinceNanos = System.nanoTime();
        long ageSeconds = snapshot == null ? -1 : (outageSinceNanos - loadedNanos) / 1_000_000_000;
        LOG.warn("event=directory.unavailable serving={} snapshot_age_s={} error=\"{}\"",
            snapshot == null ? "nothing" : "last_snapshot", ageSeconds, error);
      } else {
        LOG.debug("event=directory.still_unavailable error=\"{}\"", error);
      }
    }
  }
}
