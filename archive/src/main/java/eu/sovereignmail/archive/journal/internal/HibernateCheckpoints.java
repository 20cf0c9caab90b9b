package eu.sovereignmail.archive.journal.internal;

import eu.sovereignmail.archive.journal.Checkpoint;
import eu.sovereignmail.archive.journal.CheckpointKey;
import eu.sovereignmail.archive.journal.CheckpointPolicy;
import eu.sovereignmail.archive.journal.Checkpoints;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes signed checkpoints of the chain head: by count (told by the journal after each commit), by time
 * (a timer) and on demand, each on its own thread so appends never wait for a signature. Every
 * checkpoint is also logged in full, so logs shipped elsewhere hold an anchor outside the database.
 */
public final class HibernateCheckpoints implements Checkpoints, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HibernateCheckpoints.class);

  private final SessionFactory sessions;
  private final CheckpointKey key;
  private final CheckpointPolicy policy;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong lastCheckpointSeq = new AtomicLong();
  private final AtomicBoolean countTriggered = new AtomicBoolean();

  private HibernateCheckpoints(SessionFactory sessions, CheckpointKey key, CheckpointPolicy policy, Clock clock) {
    this.sessions = sessions;
    this.key = key;
    this.policy = policy;
    this.clock = clock;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("archive-checkpoint").daemon().factory());
  }

  /** Starts checkpointing by {@code policy}, signing with {@code key} (which must hold its private half). */
  public static HibernateCheckpoints start(SessionFactory sessions, CheckpointKey key, CheckpointPolicy policy, Clock clock) {
    if (!key.canSign()) {
      throw new IllegalArgumentException("the checkpoint key " + key.keyId() + " has no private key: it cannot sign");
    }
    HibernateCheckpoints checkpoints = new HibernateCheckpoints(sessions, key, policy, clock);
    checkpoints.lastCheckpointSeq.set(sessions.fromSession(session -> session.createSelectionQuery(
        "select coalesce(max(c.seq), 0) from CheckpointEntity c", Long.class).getSingleResult()));
    if (!policy.interval().isZero()) {
      long millis = policy.interval().toMillis();
      checkpoints.scheduler.scheduleWithFixedDelay(checkpoints::quietly, millis, millis, TimeUnit.MILLISECONDS);
    }
    LOG.info("event=journal.checkpoints_start key_id={} every_entries={} interval={} last_seq={}", key.keyId(),
        policy.everyEntries(), policy.interval(), checkpoints.lastCheckpointSeq.get());
    return checkpoints;
  }

  /** The journal committed up to {@code headSeq}: checkpoint (in the background) if enough entries passed. */
  void afterCommit(long headSeq) {
    int every = policy.everyEntries();
    if (every > 0 && headSeq - lastCheckpointSeq.get() >= every && countTriggered.compareAndSet(false, true)) {
      try {
        scheduler.execute(() -> {
          try {
            quietly();
          } finally {
            countTriggered.set(false);
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        countTriggered.set(false);
      }
    }
  }

  private void quietly() {
    try {
      checkpointNow();
    } catch (RuntimeException e) {
      LOG.warn("event=journal.checkpoint_failed error=\"{}\"", e.toString());
    }
  }

  @Override
  public synchronized Optional<Checkpoint> checkpointNow() {
    Optional<Checkpoint> written = sessions.fromTransaction(this::checkpoint);
    written.ifPresent(checkpoint -> lastCheckpointSeq.accumulateAndGet(checkpoint.sequence(), Math::max));
    return written;
  }

  private Optional<Checkpoint> checkpoint(Session session) {
    // A consistent read of the committed head: appends in flight are not part of it yet.
    ChainHeadEntity head = session.find(ChainHeadEntity.class, ChainHeadEntity.ID);
    if (head == null || head.lastSeq() == 0) {
      return Optional.empty();
    }
    Optional<Checkpoint> latest = session.createSelectionQuery(
            "from CheckpointEntity c where c.seq = :seq and c.keyId = :keyId order by c.id desc", CheckpointEntity.class)
        .setParameter("seq", head.lastSeq())
        .setParameter("keyId", key.keyId())
        .setMaxResults(1)
        .uniqueResultOptional()
        .map(CheckpointEntity::checkpoint);
    if (latest.isPresent()) {
      return latest;
    }
    String entryHash = session.createSelectionQuery(
            "select e.entryHash from JournalEntryEntity e where e.seq = :seq", String.class)
        .setParameter("seq", head.lastSeq())
        .uniqueResultOptional()
        .orElse(null);
    if (!head.lastHash().equals(entryHash)) {
      // Never sign a head the entries do not bear out; verify names the break.
      LOG.error("event=journal.checkpoint_refused seq={} reason=\"the chain head does not match entry {}: run verify\"",
          head.lastSeq(), head.lastSeq());
      return Optional.empty();
    }
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    byte[] signature = key.sign(Checkpoint.signedBytes(head.lastSeq(), entryHash, createdAt, key.keyId()));
    Checkpoint checkpoint = new Checkpoint(head.lastSeq(), entryHash, createdAt, key.keyId(),
        Base64.getEncoder().encodeToString(key.publicKey().getEncoded()), Base64.getEncoder().encodeToString(signature));
    session.persist(new CheckpointEntity(checkpoint));
    LOG.info("event=journal.checkpoint {}", checkpoint.toLine());
    return Optional.of(checkpoint);
  }

  @Override
  public List<Checkpoint> recent(int limit) {
    return sessions.fromSession(session -> session.createSelectionQuery(
            "from CheckpointEntity c order by c.id desc", CheckpointEntity.class)
        .setMaxResults(limit)
        .getResultList()
        .stream()
        .map(CheckpointEntity::checkpoint)
        .toList());
  }

  @Override
  public CheckpointKey key() {
    return key;
  }

  /** Stops the timer; a checkpoint being written finishes first. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
