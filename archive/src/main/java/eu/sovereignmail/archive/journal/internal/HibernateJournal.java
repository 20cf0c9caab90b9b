package eu.sovereignmail.archive.journal.internal;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.blob.BlobIntegrityException;
import eu.sovereignmail.archive.blob.BlobNotFoundException;
import eu.sovereignmail.archive.blob.BlobStore;
import eu.sovereignmail.archive.journal.Envelope;
import eu.sovereignmail.archive.journal.Journal;
import eu.sovereignmail.archive.journal.JournalConflictException;
import eu.sovereignmail.archive.journal.JournalReceipt;
import eu.sovereignmail.archive.journal.VerifyReport;
import eu.sovereignmail.archive.journal.VerifyReport.BlobProblem;
import eu.sovereignmail.archive.journal.VerifyReport.ChainBreak;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal on Hibernate ORM: blob first (fsynced), then one transaction that locks the chain head
 * row (SELECT … FOR UPDATE), so exactly one append extends the chain at a time, on any node sharing the
 * database; the commit (InnoDB, flushed at commit) makes the entry durable.
 */
public final class HibernateJournal implements Journal {
  private static final Logger LOG = LoggerFactory.getLogger(HibernateJournal.class);
  private static final Pattern SPOOL_RECORD_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
  private static final int PAGE = 500;

  private final SessionFactory sessions;
  private final BlobStore blobs;
  private final Clock clock;

  public HibernateJournal(SessionFactory sessions, BlobStore blobs, Clock clock) {
    this.sessions = sessions;
    this.blobs = blobs;
    this.clock = clock;
  }

  @Override
  public JournalReceipt append(String spoolRecordId, Envelope envelope, byte[] rawMessage) throws IOException {
    if (spoolRecordId == null || !SPOOL_RECORD_ID.matcher(spoolRecordId).matches()) {
      throw new IllegalArgumentException("spoolRecordId must be 1-128 printable ASCII characters without spaces");
    }
    // The blob goes first: an entry never names a blob that is not on disk. A crash between the two
    // leaves an unreferenced blob, which the redo of the spool record then finds and reuses.
    BlobId blobId = blobs.put(rawMessage);
    JournalReceipt receipt = sessions.fromTransaction(session -> appendEntry(session, spoolRecordId, envelope, blobId, rawMessage));
    LOG.info("event=journal.append seq={} spool_record={} blob={} bytes={} recipients={} direction={} duplicate={}",
        receipt.sequence(), spoolRecordId, blobId, rawMessage.length, envelope.recipients().size(),
        envelope.direction(), receipt.duplicate());
    return receipt;
  }

  private JournalReceipt appendEntry(
      Session session, String spoolRecordId, Envelope envelope, BlobId blobId, byte[] rawMessage) {
    ChainHeadEntity head = session.find(ChainHeadEntity.class, ChainHeadEntity.ID, LockModeType.PESSIMISTIC_WRITE);
    if (head == null) {
      throw new IllegalStateException("the chain_head row is missing: the archive schema is damaged");
    }
    Optional<JournalEntryEntity> existing = entryBySpoolRecord(session, spoolRecordId);
    if (existing.isPresent()) {
      JournalEntryEntity entry = existing.get();
      if (!entry.message().sha256().equals(blobId.hex())) {
        throw new JournalConflictException(spoolRecordId, entry.message().sha256(), blobId.hex());
      }
      return new JournalReceipt(entry.seq(), blobId, entry.entryHash(), true);
    }
    MessageEntity message = session.createSelectionQuery("from MessageEntity where sha256 = :sha", MessageEntity.class)
        .setParameter("sha", blobId.hex())
        .uniqueResultOptional()
        .orElseGet(() -> {
          MessageEntity created = new MessageEntity(
              blobId.hex(), rawMessage.length, clock.instant(), MessageIdHeader.find(rawMessage).orElse(null));
          session.persist(created);
          return created;
        });
    CanonicalEntry canonical = new CanonicalEntry(CanonicalEntry.CURRENT_VERSION, head.lastSeq() + 1, spoolRecordId,
        message.sha256(), message.sizeBytes(), envelope, clock.instant(), head.lastHash());
    JournalEntryEntity entry = new JournalEntryEntity(canonical, message);
    session.persist(entry);
    head.advance(entry.seq(), entry.entryHash());
    return new JournalReceipt(entry.seq(), blobId, entry.entryHash(), false);
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
    long started = System.nanoTime();
    ChainCheck chain = sessions.fromSession(this::checkChain);
    List<BlobProblem> problems = new ArrayList<>();
    long blobsChecked = checkBlobs(problems);
    VerifyReport report = new VerifyReport(chain.entries, blobsChecked, Optional.ofNullable(chain.firstBreak), problems);
    LOG.info("event=journal.verify entries={} blobs={} chain_break_seq={} blob_problems={} ms={}",
        report.entriesChecked(), report.blobsChecked(),
        report.firstChainBreak().map(b -> Long.toString(b.sequence())).orElse("none"),
        problems.size(), (System.nanoTime() - started) / 1_000_000);
    return report;
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

  /** Reads back every distinct message's blob: present, authentic, hashing to its id. */
  private long checkBlobs(List<BlobProblem> problems) {
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
      for (Object[] row : page) {
        afterId = (Long) row[0];
        checked++;
        checkBlob((String) row[1], problems);
      }
    } while (page.size() == PAGE);
    return checked;
  }

  private void checkBlob(String sha256, List<BlobProblem> problems) {
    BlobId id;
    try {
      id = new BlobId(sha256);
    } catch (IllegalArgumentException e) {
      LOG.warn("event=journal.verify_bad_sha value_length={}", sha256.length());
      return; // an edited message row: the chain check reports the entries that point at it
    }
    try {
      blobs.get(id);
    } catch (BlobNotFoundException e) {
      problems.add(new BlobProblem(id, BlobProblem.Kind.MISSING, e.getMessage()));
      LOG.warn("event=journal.verify_blob_missing blob={}", id);
    } catch (BlobIntegrityException e) {
      problems.add(new BlobProblem(id, BlobProblem.Kind.CORRUPT, e.getMessage()));
      LOG.warn("event=journal.verify_blob_corrupt blob={} reason=\"{}\"", id, e.getMessage());
    } catch (IOException e) {
      problems.add(new BlobProblem(id, BlobProblem.Kind.UNREADABLE, e.toString()));
      LOG.warn("event=journal.verify_blob_unreadable blob={} error=\"{}\"", id, e);
    }
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
