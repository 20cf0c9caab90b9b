package eu.sovereignmail.archive.search.internal;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.blob.BlobStore;
import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.message.MessageParser;
import eu.sovereignmail.archive.message.ParsedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the journal by sequence number from a high-water mark kept in {@code index_state}: reads
 * each new entry's blob, parses it, merges it into its archived message (one per Message-ID), then
 * writes the index documents and only then advances the mark. Every step is idempotent (a copy is
 * recorded once per journal sequence), so a crash anywhere means the batch is simply done again.
 */
public final class JournalIndexer {
  private static final Logger LOG = LoggerFactory.getLogger(JournalIndexer.class);
  static final int BATCH = 200;

  private final SessionFactory sessions;
  private final BlobStore blobs;
  private final MessageParser parser;
  private final String consumer;

  public JournalIndexer(SessionFactory sessions, BlobStore blobs, MessageParser parser, String consumer) {
    this.sessions = sessions;
    this.blobs = blobs;
    this.parser = parser;
    this.consumer = consumer;
  }

  /** One journal entry as the indexer needs it. */
  private record Entry(long seq, long messageRef, String sha256, long size, Direction direction, Instant receivedAt,
      List<String> recipients) {}

  /** The last sequence number indexed (creating this consumer's row at 0 the first time). */
  public long highWaterMark() {
    return sessions.fromTransaction(session -> {
      session.createNativeMutationQuery(
              "INSERT IGNORE INTO index_state (consumer, last_seq, updated_at) VALUES (:c, 0, :now)")
          .setParameter("c", consumer).setParameter("now", Timestamp.from(Instant.now())).executeUpdate();
      return ((Number) session.createNativeQuery("SELECT last_seq FROM index_state WHERE consumer = :c", Object.class)
          .setParameter("c", consumer).getSingleResult()).longValue();
    });
  }

  /** Sets the mark (0 to index everything again). */
  public void resetTo(long seq) {
    highWaterMark();
    sessions.inTransaction(session -> setMark(session, seq));
  }

  /** Indexes the next batch after the mark; returns how many journal entries it took in (0: caught up). */
  public int indexNextBatch() {
    long mark = highWaterMark();
    List<Entry> batch = sessions.fromSession(session -> read(session, mark));
    if (batch.isEmpty()) {
      return 0;
    }
    long started = System.nanoTime();
    Map<String, ParsedMessage> parsed = new HashMap<>();
    for (Entry entry : batch) {
      parsed.computeIfAbsent(entry.sha256, this::parseBlob);
    }
    // 1: rows (archived messages, recipients, copies), committed before the index is touched.
    Map<Long, String> affected = sessions.fromTransaction(session -> merge(session, batch, parsed));
    // 2: documents, built from the committed rows and the parsed text; then the mark.
    sessions.inTransaction(session -> {
      SearchSession search = Search.session(session);
      List<ArchivedMessageEntity> messages = session.createSelectionQuery(
              "from ArchivedMessageEntity where id in :ids", ArchivedMessageEntity.class)
          .setParameter("ids", affected.keySet()).getResultList();
      for (ArchivedMessageEntity message : messages) {
        message.text(parsed.computeIfAbsent(message.blobSha256(), this::parseBlob));
        search.indexingPlan().addOrUpdate(message);
      }
      search.indexingPlan().execute();
      setMark(session, batch.get(batch.size() - 1).seq);
    });
    LOG.info("event=archive.index_batch consumer={} from_seq={} to_seq={} entries={} messages={} ms={}", consumer,
        batch.get(0).seq, batch.get(batch.size() - 1).seq, batch.size(), affected.size(),
        (System.nanoTime() - started) / 1_000_000);
    return batch.size();
  }

  private void setMark(Session session, long seq) {
    session.createNativeMutationQuery("UPDATE index_state SET last_seq = :s, updated_at = :now WHERE consumer = :c")
        .setParameter("s", seq).setParameter("now", Timestamp.from(Instant.now())).setParameter("c", consumer)
        .executeUpdate();
  }

  private static List<Entry> read(Session session, long after) {
    List<Object[]> rows = session.createNativeQuery(
            "SELECT e.seq, e.message_ref, m.sha256, m.size_bytes, e.direction, e.received_at FROM journal_entry e "
                + "JOIN message m ON m.id = e.message_ref WHERE e.seq > :after ORDER BY e.seq LIMIT " + BATCH,
            Object[].class)
        .setParameter("after", after).getResultList();
    if (rows.isEmpty()) {
      return List.of();
    }
    long first = ((Number) rows.get(0)[0]).longValue();
    long last = ((Number) rows.get(rows.size() - 1)[0]).longValue();
    Map<Long, List<String>> recipients = new HashMap<>();
    for (Object[] r : session.createNativeQuery(
            "SELECT entry_seq, address FROM journal_recipient WHERE entry_seq BETWEEN :first AND :last "
                + "ORDER BY entry_seq, position", Object[].class)
        .setParameter("first", first).setParameter("last", last).getResultList()) {
      recipients.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add((String) r[1]);
    }
    List<Entry> entries = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      long seq = ((Number) r[0]).longValue();
      entries.add(new Entry(seq, ((Number) r[1]).longValue(), (String) r[2], ((Number) r[3]).longValue(),
          Direction.valueOf((String) r[4]), instant(r[5]), recipients.getOrDefault(seq, List.of())));
    }
    return entries;
  }

  private static Instant instant(Object value) {
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof java.time.LocalDateTime local) {
      return local.toInstant(java.time.ZoneOffset.UTC);
    }
    return (Instant) value;
  }

  /** Merges each entry into its archived message; returns the affected message ids and their blob. */
  private Map<Long, String> merge(Session session, List<Entry> batch, Map<String, ParsedMessage> parsed) {
    Map<Long, Long> done = new HashMap<>();
    for (Object[] r : session.createNativeQuery("SELECT entry_seq, archived_ref FROM archived_copy "
            + "WHERE entry_seq BETWEEN :first AND :last", Object[].class)
        .setParameter("first", batch.get(0).seq).setParameter("last", batch.get(batch.size() - 1).seq)
        .getResultList()) {
      done.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }
    List<ArchivedMessageEntity> touched = new ArrayList<>();
    Map<String, ArchivedMessageEntity> byKey = new HashMap<>();
    for (Entry entry : batch) {
      Long archivedId = done.get(entry.seq);
      if (archivedId != null) { // a replay after a crash: rows are there, the document is written again
        touched.add(session.find(ArchivedMessageEntity.class, archivedId));
        continue;
      }
      ParsedMessage message = parsed.get(entry.sha256);
      String key = dedupKey(message, entry.sha256);
      ArchivedMessageEntity archived = byKey.computeIfAbsent(key, k -> session.createSelectionQuery(
              "from ArchivedMessageEntity where dedupKey = :k", ArchivedMessageEntity.class)
          .setParameter("k", k).uniqueResult());
      if (archived == null) {
        archived = new ArchivedMessageEntity(key, entry.messageRef, entry.sha256, entry.size, message, entry.direction,
            entry.receivedAt);
        session.persist(archived);
        byKey.put(key, archived);
      }
      archived.addCopy(new CopyValue(entry.seq, entry.messageRef, entry.direction, entry.receivedAt), entry.recipients);
      touched.add(archived);
    }
    session.flush();
    Map<Long, String> affected = new LinkedHashMap<>();
    touched.forEach(m -> affected.put(m.id(), m.blobSha256()));
    return affected;
  }

  /**
   * Journal copies of one message merge: same Message-ID, and (so that an unrelated message reusing an
   * id is not swallowed) same sender, subject and date. Without a Message-ID, identical bytes merge.
   */
  static String dedupKey(ParsedMessage message, String blobSha256) {
    String basis;
    if (message.messageId() == null || message.messageId().isBlank()) {
      basis = "blob\n" + blobSha256;
    } else {
      basis = "mid\n" + ArchivedMessageEntity.normalizeMessageId(message.messageId()) + "\n"
          + (message.from().isEmpty() ? "" : message.from().get(0).address().toLowerCase(Locale.ROOT)) + "\n"
          + message.subject() + "\n" + (message.date() == null ? "" : message.date().toString());
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Parses a stored message; a blob that cannot be read still yields a (flagged) message, never a stuck indexer. */
  ParsedMessage parseBlob(String sha256) {
    try {
      return parser.parse(blobs.get(new BlobId(sha256)));
    } catch (IOException | RuntimeException e) {
      LOG.warn("event=archive.index_blob_unreadable blob={} error=\"{}\"", sha256, e.toString());
      return new ParsedMessage(null, null, List.of(), List.of(), List.of(), "", List.of(), List.of(), "", "", true,
          List.of("the stored message could not be read: " + e.getClass().getSimpleName()));
    }
  }
}
