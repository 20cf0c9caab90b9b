package eu.sovereignmail.archive.journal.internal;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.blob.BlobIntegrityException;
import eu.sovereignmail.archive.blob.BlobNotFoundException;
import eu.sovereignmail.archive.blob.BlobStore;
import eu.sovereignmail.archive.journal.Checkpoint;
import eu.sovereignmail.archive.journal.CheckpointKey;
import eu.sovereignmail.archive.journal.Envelope;
import eu.sovereignmail.archive.journal.Journal;
import eu.sovereignmail.archive.journal.JournalReceipt;
import eu.sovereignmail.archive.journal.VerifyReport;
import eu.sovereignmail.archive.journal.VerifyReport.BlobProblem;
import eu.sovereignmail.archive.journal.VerifyReport.ChainBreak;
import eu.sovereignmail.archive.journal.VerifyReport.CheckpointProblem;
import eu.sovereignmail.archive.journal.internal.GroupCommit.Outcome;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal on the archive's MariaDB. Each append puts its blob first (fsynced, in the caller's thread),
 * then joins a group commit: one committer thread takes every append waiting, locks the chain head row once
 * (SELECT … FOR UPDATE, which also serializes gateway nodes sharing the database), chains the entries in
 * arrival order and commits once (InnoDB, flushed at commit). Each append returns after its batch
 * committed, so it is still durable when it returns, and the chain format is the same as one by one.
 *
 * <p>Transactions, the pool and reads (read, verify) go through Hibernate ORM; the commit path itself is
 * plain JDBC inside the ORM transaction ({@link JdbcChain}), since the committer thread is the journal's one
 * serial section. Nothing listens to the ORM's events on journal rows: this session factory has no
 * listeners and Hibernate Search off, and the indexer follows the journal by polling {@code journal_entry}.
 */
public final class HibernateJournal implements Journal, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HibernateJournal.class);
  private static final Pattern SPOOL_RECORD_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
  private static final int PAGE = 500;
  /** Most appends chained in one transaction. */
  static final int MAX_BATCH = 256;
  /** For benchmarks only: a smaller batch limit (1 = one transaction per append, as before group commit). */
  static final String MAX_BATCH_PROPERTY = "sovereign.archive.journal.max-batch";
  /** For benchmarks only: {@code orm} chains batches through the ORM entities, as before {@link JdbcChain}. */
  static final String COMMIT_PATH_PROPERTY = "sovereign.archive.journal.commit-path";

  private final SessionFactory sessions;
  private final BlobStore blobs;
  private final Clock clock;
  private final HibernateCheckpoints checkpoints;
  private final GroupCommit<PendingEntry, JournalReceipt> commits;
  private final JdbcChain jdbcChain;
  private final OrmChain ormChain; // null unless a benchmark asked for the ORM path

  /** A journal without checkpoints. */
  public HibernateJournal(SessionFactory sessions, BlobStore blobs, Clock clock) {
    this(sessions, blobs, clock, null);
  }

  /** A journal that tells {@code checkpoints} (may be null) of each commit and verifies its checkpoints. */
  public HibernateJournal(SessionFactory sessions, BlobStore blobs, Clock clock, HibernateCheckpoints checkpoints) {
    this.sessions = sessions;
    this.blobs = blobs;
    this.clock = clock;
    this.checkpoints = checkpoints;
    this.jdbcChain = new JdbcChain(clock);
    this.ormChain = "orm".equals(System.getProperty(COMMIT_PATH_PROPERTY)) ? new OrmChain(clock) : null;
    this.commits = new GroupCommit<>("archive-journal-commit",
        Math.max(1, Math.min(MAX_BATCH, Integer.getInteger(MAX_BATCH_PROPERTY, MAX_BATCH))), this::appendBatch);
  }

  @Override
  public JournalReceipt append(String spoolRecordId, Envelope envelope, byte[] rawMessage) throws IOException {
    if (spoolRecordId == null || !SPOOL_RECORD_ID.matcher(spoolRecordId).matches()) {
      throw new IllegalArgumentException("spoolRecordId must be 1-128 printable ASCII characters without spaces");
    }
    Objects.requireNonNull(envelope, "envelope");
    // The blob goes first: an entry never names a blob that is not on disk. A crash between the two
    // leaves an unreferenced blob, which the redo of the spool record then finds and reuses.
    BlobId blobId = blobs.put(rawMessage);
    JournalReceipt receipt = commits.submit(new PendingEntry(
        spoolRecordId, envelope, blobId, rawMessage.length, MessageIdHeader.find(rawMessage).orElse(null)));
    LOG.info("event=journal.append seq={} spool_record={} blob={} bytes={} recipients={} direction={} duplicate={}",
        receipt.sequence(), spoolRecordId, blobId, rawMessage.length, envelope.recipients().size(),
        envelope.direction(), receipt.duplicate());
    return receipt;
  }

  /**
   * One transaction for the whole batch: one head lock, entries chained in order, one commit. The chaining
   * runs on plain JDBC on the transaction's connection ({@link JdbcChain}); the ORM path ({@link OrmChain})
   * only when a benchmark asks for it.
   */
  private List<Outcome<JournalReceipt>> appendBatch(List<PendingEntry> batch) {
    long started = System.nanoTime();
    ChainedBatch result = ormChain != null
        ? sessions.fromTransaction(session -> ormChain.chain(session, batch))
        : sessions.fromTransaction(session -> session.doReturningWork(connection -> jdbcChain.chain(connection, batch)));
    LOG.debug("event=journal.group_commit size={} appended={} head_seq={} us={}", batch.size(), result.appended(),
        result.headSeq(), (System.nanoTime() - started) / 1000);
    if (checkpoints != null && result.appended() > 0) {
      checkpoints.afterCommit(result.headSeq());
    }
    return result.outcomes();
  }

  @Override
  public byte[] read(String spoolRecordId) throws IOException {
    String sha256 = sessions.fromSession(session -> entryBySpoolRecord(session, spoolRecordId)
            .map(entry -> entry.message().sha256()))
        .orElseThrow(() -> new IllegalArgumentException("no journal entry for spool record " + spoolRecordId));
    return blobs.get(new BlobId(sha256));
  }

  private static Optional<JournalEntryEntity> entryBySpoolRecord(Session session, String spoolRecordId) {
    return session.createSelectionQuery(
            "from JournalEntryEntity e join fetch e.message where e.spoolRecordId = :id", JournalEntryEntity.class)
        .setParameter("id", spoolRecordId)
        .uniqueResultOptional();
  }

  @Override
  public VerifyReport verify() throws IOException {
    return verify(List.of());
  }

  /**
   * As {@link #verify()}, trusting checkpoints signed by {@code alsoTrusted} besides the archive's own
   * checkpoint key (an auditor passes the public keys it was given).
   */
  public VerifyReport verify(Collection<CheckpointKey> alsoTrusted) throws IOException {
    long started = System.nanoTime();
    ChainCheck chain = sessions.fromSession(this::checkChain);
    List<BlobProblem> problems = new ArrayList<>();
    long[] purged = {0};
    long blobsChecked = checkBlobs(problems, purged);
    List<CheckpointKey> trusted = new ArrayList<>(alsoTrusted);
    if (checkpoints != null) {
      trusted.add(checkpoints.key());
    }
    List<CheckpointProblem> checkpointProblems = new ArrayList<>();
    long checkpointsChecked = checkCheckpoints(trusted, checkpointProblems);
    VerifyReport report = new VerifyReport(chain.entries, blobsChecked, Optional.ofNullable(chain.firstBreak), problems,
        checkpointsChecked, checkpointProblems, purged[0]);
    LOG.info("event=journal.verify entries={} blobs={} blobs_purged={} checkpoints={} chain_break_seq={} blob_problems={}"
            + " checkpoint_problems={} ms={}",
        report.entriesChecked(), report.blobsChecked(), purged[0], checkpointsChecked,
        report.firstChainBreak().map(b -> Long.toString(b.sequence())).orElse("none"),
        problems.size(), checkpointProblems.size(), (System.nanoTime() - started) / 1_000_000);
    return report;
  }

  /**
   * Checks every stored checkpoint: signed by a trusted key, the signature valid, and the entry it names
   * still carrying the hash it signed (with an intact chain, the chain then passes through it).
   */
  private long checkCheckpoints(List<CheckpointKey> trusted, List<CheckpointProblem> problems) {
    Map<String, CheckpointKey> trustedByPublicKey = new HashMap<>();
    trusted.forEach(key -> trustedByPublicKey.put(Base64.getEncoder().encodeToString(key.publicKey().getEncoded()), key));
    long checked = 0;
    long afterId = 0;
    List<CheckpointEntity> page;
    do {
      long from = afterId;
      List<CheckpointEntity> rows = sessions.fromSession(session -> session.createSelectionQuery(
              "from CheckpointEntity c where c.id > :after order by c.id", CheckpointEntity.class)
          .setParameter("after", from)
          .setMaxResults(PAGE)
          .getResultList());
      page = rows;
      if (page.isEmpty()) {
        break;
      }
      Map<Long, String> hashes = new HashMap<>();
      sessions.fromSession(session -> session.createSelectionQuery(
                  "select e.seq, e.entryHash from JournalEntryEntity e where e.seq in :seqs", Object[].class)
              .setParameter("seqs", rows.stream().map(CheckpointEntity::seq).distinct().toList())
              .getResultList())
          .forEach(row -> hashes.put((Long) row[0], (String) row[1]));
      for (CheckpointEntity row : page) {
        afterId = row.id();
        checked++;
        checkCheckpoint(row, trustedByPublicKey, hashes.get(row.seq()), problems);
      }
    } while (page.size() == PAGE);
    return checked;
  }

  private static void checkCheckpoint(CheckpointEntity row, Map<String, CheckpointKey> trusted, String entryHash,
      List<CheckpointProblem> problems) {
    Checkpoint checkpoint = row.checkpoint();
    CheckpointProblem problem = null;
    CheckpointKey key = trusted.get(checkpoint.publicKey());
    if (key == null) {
      problem = new CheckpointProblem(checkpoint.sequence(), checkpoint.keyId(), CheckpointProblem.Kind.UNTRUSTED_KEY,
          "signed by a key that is not trusted (trusted key ids: "
              + trusted.values().stream().map(CheckpointKey::keyId).sorted().toList() + ")");
    } else if (row.sigVersion() != Checkpoint.VERSION || !key.verify(checkpoint.signedBytes(), decode(checkpoint.signature()))) {
      problem = new CheckpointProblem(checkpoint.sequence(), checkpoint.keyId(), CheckpointProblem.Kind.BAD_SIGNATURE,
          "the signature does not verify: the checkpoint was altered or forged");
    } else if (entryHash == null) {
      problem = new CheckpointProblem(checkpoint.sequence(), checkpoint.keyId(), CheckpointProblem.Kind.NOT_ON_CHAIN,
          "entry " + checkpoint.sequence() + " that the checkpoint signed is gone");
    } else if (!entryHash.equals(checkpoint.entryHash())) {
      problem = new CheckpointProblem(checkpoint.sequence(), checkpoint.keyId(), CheckpointProblem.Kind.NOT_ON_CHAIN,
          "entry " + checkpoint.sequence() + " has hash " + entryHash + " but the checkpoint signed "
              + checkpoint.entryHash() + ": history was rewritten");
    }
    if (problem != null) {
      problems.add(problem);
      LOG.warn("event=journal.verify_checkpoint_problem seq={} key_id={} kind={} detail=\"{}\"",
          problem.sequence(), problem.keyId(), problem.kind(), problem.detail());
    }
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return new byte[0]; // an edited signature: verifies as false
    }
  }

  /** Stops the group committer after the appends already waiting. */
  @Override
  public void close() {
    commits.close();
  }

  /** Walks the entries up to the chain head as read at the start, recomputing each link. */
  private ChainCheck checkChain(Session session) {
    ChainHeadEntity head = session.find(ChainHeadEntity.class, ChainHeadEntity.ID);
    ChainCheck check = new ChainCheck();
    long headSeq = head == null ? 0 : head.lastSeq();
    long after = 0;
    List<JournalEntryEntity> page;
    do {
      page = session.createSelectionQuery(
              "from JournalEntryEntity e join fetch e.message where e.seq > :after and e.seq <= :last order by e.seq",
              JournalEntryEntity.class)
          .setParameter("after", after)
          .setParameter("last", headSeq)
          .setMaxResults(PAGE)
          .getResultList();
      for (JournalEntryEntity entry : page) {
        check.accept(entry);
        after = entry.seq();
      }
      session.clear();
    } while (page.size() == PAGE);
    if (head == null) {
      check.breakAt(0, null, "the chain_head row is missing");
    } else if (check.expectedSeq - 1 != head.lastSeq()) {
      check.breakAt(check.expectedSeq, null, "entries " + check.expectedSeq + " to " + head.lastSeq()
          + " are missing: the chain head names entry " + head.lastSeq());
    } else if (!check.expectedPrev.equals(head.lastHash())) {
      check.breakAt(head.lastSeq(), null, "the chain head's hash does not match the last entry's hash");
    }
    return check;
  }

  /**
   * Reads back every distinct message's blob: present, authentic, hashing to its id. A missing blob with a
   * purge tombstone was deleted by an approved purge: counted in {@code purged[0]}, not a problem.
   */
  private long checkBlobs(List<BlobProblem> problems, long[] purged) {
    long checked = 0;
    long afterId = 0;
    List<Object[]> page;
    do {
      long from = afterId;
      page = sessions.fromSession(session -> session.createSelectionQuery(
              "select m.id, m.sha256 from MessageEntity m where m.id > :after order by m.id", Object[].class)
          .setParameter("after", from)
          .setMaxResults(PAGE)
          .getResultList());
      List<String> shas = page.stream().map(row -> (String) row[1]).toList();
      Set<String> tombstoned = page.isEmpty() ? Set.of() : new HashSet<>(
          sessions.fromSession(session -> session.createNativeQuery(
                  "SELECT DISTINCT sha256 FROM purge_tombstone WHERE sha256 IN (:shas)", String.class)
              .setParameter("shas", shas)
              .getResultList()));
      for (Object[] row : page) {
        afterId = (Long) row[0];
        checked++;
        if (checkBlob((String) row[1], problems, tombstoned.contains((String) row[1]))) {
          purged[0]++;
        }
      }
    } while (page.size() == PAGE);
    return checked;
  }

  /** Checks one blob; returns true when it is gone because a purge deleted it. */
  private boolean checkBlob(String sha256, List<BlobProblem> problems, boolean tombstoned) {
    BlobId id;
    try {
      id = new BlobId(sha256);
    } catch (IllegalArgumentException e) {
      LOG.warn("event=journal.verify_bad_sha value_length={}", sha256.length());
      return false; // an edited message row: the chain check reports the entries that point at it
    }
    try {
      blobs.get(id);
    } catch (BlobNotFoundException e) {
      if (tombstoned) {
        return true;
      }
      problems.add(new BlobProblem(id, BlobProblem.Kind.MISSING, e.getMessage()));
      LOG.warn("event=journal.verify_blob_missing blob={}", id);
    } catch (BlobIntegrityException e) {
      problems.add(new BlobProblem(id, BlobProblem.Kind.CORRUPT, e.getMessage()));
      LOG.warn("event=journal.verify_blob_corrupt blob={} reason=\"{}\"", id, e.getMessage());
    } catch (IOException e) {
      problems.add(new BlobProblem(id, BlobProblem.Kind.UNREADABLE, e.toString()));
      LOG.warn("event=journal.verify_blob_unreadable blob={} error=\"{}\"", id, e);
    }
    return false;
  }

  /** The running state of a chain walk: where the next entry must be, and the first break seen. */
  private static final class ChainCheck {
    long entries;
    long expectedSeq = 1;
    String expectedPrev = CanonicalEntry.GENESIS_HASH;
    ChainBreak firstBreak;

    void accept(JournalEntryEntity entry) {
      entries++;
      if (firstBreak == null) {
        String problem = problemWith(entry);
        if (problem != null) {
          breakAt(entry.seq(), entry.spoolRecordId(), problem);
        }
      }
      expectedSeq = entry.seq() + 1;
      expectedPrev = entry.entryHash();
    }

    private String problemWith(JournalEntryEntity entry) {
      if (entry.seq() != expectedSeq) {
        return "entries " + expectedSeq + " to " + (entry.seq() - 1) + " are missing";
      }
      if (!entry.prevHash().equals(expectedPrev)) {
        return "prev_hash does not match the hash of entry " + (entry.seq() - 1);
      }
      String recomputed;
      try {
        recomputed = entry.canonical().hash();
      } catch (RuntimeException e) {
        return "the stored entry cannot be read as an entry: " + e.getMessage();
      }
      return recomputed.equals(entry.entryHash()) ? null : "the entry's content does not match its entry_hash: altered";
    }

    void breakAt(long seq, String spoolRecordId, String reason) {
      if (firstBreak == null) {
        firstBreak = new ChainBreak(seq, spoolRecordId, reason);
        LOG.warn("event=journal.verify_chain_break seq={} reason=\"{}\"", seq, reason);
      }
    }
  }
}
