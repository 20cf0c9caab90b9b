package eu.sovereignmail.archive.journal.internal;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.journal.JournalConflictException;
import eu.sovereignmail.archive.journal.JournalReceipt;
import eu.sovereignmail.archive.journal.internal.GroupCommit.Outcome;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * The group commit's chaining through Hibernate ORM entities, as it was before {@link JdbcChain}: kept only so
 * that the throughput benchmark can run both side by side in one run
 * ({@code -Dsovereign.archive.journal.commit-path=orm}); it writes the same rows and chain.
 */
final class OrmChain {
  private final Clock clock;

  OrmChain(Clock clock) {
    this.clock = clock;
  }

  ChainedBatch chain(Session session, List<PendingEntry> batch) {
    ChainHeadEntity head = session.find(ChainHeadEntity.class, ChainHeadEntity.ID, LockModeType.PESSIMISTIC_WRITE);
    if (head == null) {
      throw new IllegalStateException("the chain_head row is missing: the archive schema is damaged");
    }
    Map<String, JournalReceipt> known = new HashMap<>();
    Map<String, String> knownSha = new HashMap<>();
    for (JournalEntryEntity entry : session.createSelectionQuery(
            "from JournalEntryEntity e join fetch e.message where e.spoolRecordId in :ids", JournalEntryEntity.class)
        .setParameter("ids", batch.stream().map(PendingEntry::spoolRecordId).toList())
        .getResultList()) {
      known.put(entry.spoolRecordId(), new JournalReceipt(entry.seq(), new BlobId(entry.message().sha256()),
          entry.entryHash(), true));
      knownSha.put(entry.spoolRecordId(), entry.message().sha256());
    }
    Map<String, MessageEntity> messages = new HashMap<>();
    for (MessageEntity message : session.createSelectionQuery("from MessageEntity where sha256 in :shas", MessageEntity.class)
        .setParameter("shas", batch.stream().map(p -> p.blobId().hex()).distinct().toList())
        .getResultList()) {
      messages.put(message.sha256(), message);
    }
    List<Outcome<JournalReceipt>> outcomes = new ArrayList<>(batch.size());
    long seq = head.lastSeq();
    String prev = head.lastHash();
    int appended = 0;
    for (PendingEntry pending : batch) {
      JournalReceipt existing = known.get(pending.spoolRecordId());
      if (existing != null) {
        String sha = knownSha.get(pending.spoolRecordId());
        outcomes.add(sha.equals(pending.blobId().hex())
            ? Outcome.of(new JournalReceipt(existing.sequence(), existing.blobId(), existing.entryHash(), true))
            : Outcome.failed(new JournalConflictException(pending.spoolRecordId(), sha, pending.blobId().hex())));
        continue;
      }
      MessageEntity message = messages.computeIfAbsent(pending.blobId().hex(), sha -> {
        MessageEntity created = new MessageEntity(sha, pending.size(), clock.instant(), pending.messageId());
        session.persist(created);
        return created;
      });
      CanonicalEntry canonical = new CanonicalEntry(CanonicalEntry.CURRENT_VERSION, seq + 1, pending.spoolRecordId(),
          message.sha256(), message.sizeBytes(), pending.envelope(), clock.instant(), prev);
      JournalEntryEntity entry = new JournalEntryEntity(canonical, message);
      session.persist(entry);
      seq = entry.seq();
      prev = entry.entryHash();
      appended++;
      JournalReceipt receipt = new JournalReceipt(seq, pending.blobId(), prev, false);
      known.put(pending.spoolRecordId(), receipt);
      knownSha.put(pending.spoolRecordId(), pending.blobId().hex());
      outcomes.add(Outcome.of(receipt));
    }
    head.advance(seq, prev);
    return new ChainedBatch(outcomes, seq, appended);
  }
}
