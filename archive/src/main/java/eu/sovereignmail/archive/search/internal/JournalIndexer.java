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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.Session;
import org.hibernate.Transaction;
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
 * Batches are large (one database round of lookups, one Lucene commit per batch) and the blobs of a
 * batch are read and parsed on a small worker pool, each distinct blob once.
 */
public final class JournalIndexer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalIndexer.class);
  /**
   * Entries per batch by default: one lookup round, one row transaction and one index commit each. 2,000 took 7 % less
   * indexing CPU than 1,000 (fewer commits, segments and merges; 4,000 gave no more) while keeping two batches of
   * parsed text in memory.
   */
  static final int BATCH = 2_000;
  /** Parsed blobs kept for journal copies that arrive after their original's batch. */
  private static final int RECENT = Integer.getInteger("sovereign.archive.index.recent", 1_000);
  /** Keys per IN list of a lookup query. */
  private static final int IN_CHUNK = 500;

  private final SessionFactory sessions;
  private final BlobStore blobs;
  private final MessageParser parser;
  private final String consumer;
  private final ExecutorService parsers;
  private final int batchSize = Math.max(1, Integer.getInteger("sovereign.archive.index.batch", BATCH));
  /** Recently parsed blobs: a journal copy's document is built from its original's blob, usually parsed just before. */
  private final Map<String, ParsedMessage> recent = new LinkedHashMap<>(RECENT, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ParsedMessage> eldest) {
      return size() > RECENT;
    }
  };
  private Ahead ahead;

  public JournalIndexer(SessionFactory sessions, BlobStore blobs, MessageParser parser, String consumer) {
    this(sessions, blobs, parser, consumer, Integer.getInteger("sovereign.archive.index.parse-threads",
        Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))));
  }

  public JournalIndexer(SessionFactory sessions, BlobStore blobs, MessageParser parser, String consumer,
      int parseThreads) {
    this.sessions = sessions;
    this.blobs = blobs;
    this.parser = parser;
    this.consumer = consumer;
    AtomicInteger n = new AtomicInteger();
    this.parsers = Executors.newFixedThreadPool(parseThreads,
        r -> Thread.ofPlatform().name("archive-index-parse-" + n.incrementAndGet()).daemon(true).unstarted(r));
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
    discardAhead();
    highWaterMark();
    sessions.inTransaction(session -> setMark(session, seq));
  }

  /**
   * Indexes the next batch after the mark; returns how many journal entries it took in (0: caught up). Not for
   * concurrent use (the caller serializes batches).
   */
  public int indexNextBatch() {
    long mark = highWaterMark();
    Ahead current = ahead != null && ahead.after == mark ? ahead : null;
    if (current == null) {
      discardAhead();
      List<Entry> entries = sessions.fromSession(session -> read(session, mark));
      if (entries.isEmpty()) {
        return 0;
      }
      current = new Ahead(mark, entries, submitEntries(entries, Map.of()));
    }
    ahead = null;
    List<Entry> batch = current.entries;
    long started = System.nanoTime();
    long last = batch.get(batch.size() - 1).seq;
    // Read ahead: the next batch's blobs are parsed on the workers while this batch is written.
    List<Entry> next = sessions.fromSession(session -> read(session, last));
    Map<String, ParsedMessage> parsed = collect(current.parses);
    long parsedAt = System.nanoTime();
    if (!next.isEmpty()) {
      ahead = new Ahead(last, next, submitEntries(next, parsed));
    }
    int messages;
    long mergedAt;
    try (Session session = sessions.openSession()) {
      // 1: rows (archived messages, recipients, copies), committed before the index is touched.
      List<ArchivedMessageEntity> affected = inTransaction(session, () -> merge(session, batch, parsed));
      mergedAt = System.nanoTime();
      // The document of a message merged from an earlier batch is built from its own (first) blob.
      Map<String, ParsedMessage> texts =
          collect(submit(affected.stream().map(ArchivedMessageEntity::blobSha256).toList(), parsed));
      // 2: documents from the rows still in this session and the parsed text, one index commit; then the mark.
      inTransaction(session, () -> {
        SearchSession search = Search.session(session);
        for (ArchivedMessageEntity message : affected) {
          message.text(texts.get(message.blobSha256()));
          search.indexingPlan().addOrUpdate(message);
        }
        search.indexingPlan().execute();
        setMark(session, last);
        return null;
      });
      messages = affected.size();
      parsed.forEach(recent::put);
    }
    long done = System.nanoTime();
    LOG.info("event=archive.index_batch consumer={} from_seq={} to_seq={} entries={} messages={} parse_wait_ms={} "
            + "rows_ms={} index_ms={} ms={}", consumer, batch.get(0).seq, last, batch.size(), messages,
        (parsedAt - started) / 1_000_000, (mergedAt - parsedAt) / 1_000_000, (done - mergedAt) / 1_000_000,
        (done - started) / 1_000_000);
    return batch.size();
  }

  /** A batch read ahead of the mark, its blobs being parsed. */
  private record Ahead(long after, List<Entry> entries, Map<String, Future<ParsedMessage>> parses) {}

  private void discardAhead() {
    if (ahead != null) {
      ahead.parses.values().forEach(f -> f.cancel(true));
      ahead = null;
    }
  }

  private static <T> T inTransaction(Session session, java.util.function.Supplier<T> work) {
    Transaction transaction = session.beginTransaction();
    try {
      T result = work.get();
      transaction.commit();
      return result;
    } catch (RuntimeException e) {
      if (transaction.isActive()) {
        transaction.rollback();
      }
      throw e;
    }
  }

  private Map<String, Future<ParsedMessage>> submitEntries(List<Entry> entries, Map<String, ParsedMessage> known) {
    return submit(entries.stream().map(Entry::sha256).toList(), known);
  }

  /**
   * Starts reading and parsing, on the workers, each distinct blob of {@code shas}; one in {@code known} or parsed
   * recently (a journal copy's original) is taken as it is.
   */
  private Map<String, Future<ParsedMessage>> submit(List<String> shas, Map<String, ParsedMessage> known) {
    Map<String, Future<ParsedMessage>> pending = new LinkedHashMap<>();
    for (String sha : shas) {
      if (pending.containsKey(sha)) {
        continue;
      }
      ParsedMessage cached = known.containsKey(sha) ? known.get(sha) : recent.get(sha);
      pending.put(sha, cached != null ? CompletableFuture.completedFuture(cached) : parsers.submit(() -> parseBlob(sha)));
    }
    return pending;
  }

  private static Map<String, ParsedMessage> collect(Map<String, Future<ParsedMessage>> pending) {
    Map<String, ParsedMessage> result = new HashMap<>();
    for (Map.Entry<String, Future<ParsedMessage>> entry : pending.entrySet()) {
      result.put(entry.getKey(), await(entry.getValue()));
    }
    return result;
  }

  private static ParsedMessage await(Future<ParsedMessage> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while parsing a batch", e);
    } catch (ExecutionException e) {
      // parseBlob catches what reading and parsing throw; anything else (an Error) is not to be swallowed
      throw new IllegalStateException("parsing failed", e.getCause());
    }
  }

  private void setMark(Session session, long seq) {
    session.createNativeMutationQuery("UPDATE index_state SET last_seq = :s, updated_at = :now WHERE consumer = :c")
        .setParameter("s", seq).setParameter("now", Timestamp.from(Instant.now())).setParameter("c", consumer)
        .executeUpdate();
  }

  /** Entries per batch ({@code sovereign.archive.index.batch}, default 1,000). */
  public int batchSize() {
    return batchSize;
  }

  private List<Entry> read(Session session, long after) {
    List<Object[]> rows = session.createNativeQuery(
            "SELECT e.seq, e.message_ref, m.sha256, m.size_bytes, e.direction, e.received_at FROM journal_entry e "
                + "JOIN message m ON m.id = e.message_ref WHERE e.seq > :after "
                // A purged message's entries stay in the chain but are never indexed again (rebuild, replay).
                + "AND NOT EXISTS (SELECT 1 FROM purged_entry p WHERE p.entry_seq = e.seq) "
                + "ORDER BY e.seq LIMIT " + batchSize,
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

  /** Merges each entry into its archived message; returns the affected messages (managed by {@code session}). */
  private static List<ArchivedMessageEntity> merge(Session session, List<Entry> batch,
      Map<String, ParsedMessage> parsed) {
    Map<Long, Long> done = new HashMap<>();
    for (Object[] r : session.createNativeQuery("SELECT entry_seq, archived_ref FROM archived_copy "
            + "WHERE entry_seq BETWEEN :first AND :last", Object[].class)
        .setParameter("first", batch.get(0).seq).setParameter("last", batch.get(batch.size() - 1).seq)
        .getResultList()) {
      done.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }
    // One round of lookups for the whole batch: the messages of replayed copies and of every dedup key.
    Map<Long, ArchivedMessageEntity> byId = new HashMap<>();
    for (List<Long> ids : chunks(new ArrayList<>(new LinkedHashSet<>(done.values())))) {
      session.createSelectionQuery("from ArchivedMessageEntity where id in :ids", ArchivedMessageEntity.class)
          .setParameter("ids", ids).getResultList().forEach(m -> byId.put(m.id(), m));
    }
    Map<Long, String> keys = new HashMap<>();
    for (Entry entry : batch) {
      if (!done.containsKey(entry.seq)) {
        keys.put(entry.seq, dedupKey(parsed.get(entry.sha256), entry.sha256));
      }
    }
    Map<String, ArchivedMessageEntity> byKey = new HashMap<>();
    for (List<String> chunk : chunks(new ArrayList<>(new LinkedHashSet<>(keys.values())))) {
      session.createSelectionQuery("from ArchivedMessageEntity where dedupKey in :keys", ArchivedMessageEntity.class)
          .setParameter("keys", chunk).getResultList().forEach(m -> byKey.put(m.dedupKey(), m));
    }
    Map<Long, ArchivedMessageEntity> touched = new LinkedHashMap<>();
    for (Entry entry : batch) {
      Long archivedId = done.get(entry.seq);
      if (archivedId != null) { // a replay after a crash: rows are there, the document is written again
        ArchivedMessageEntity archived = byId.get(archivedId);
        if (archived != null) {
          touched.putIfAbsent(archived.id(), archived);
        }
        continue;
      }
      String key = keys.get(entry.seq);
      ArchivedMessageEntity archived = byKey.get(key);
      if (archived == null) {
        archived = new ArchivedMessageEntity(key, entry.messageRef, entry.sha256, entry.size, parsed.get(entry.sha256),
            entry.direction, entry.receivedAt);
        session.persist(archived);
        byKey.put(key, archived);
      }
      archived.addCopy(new CopyValue(entry.seq, entry.messageRef, entry.direction, entry.receivedAt), entry.recipients);
      touched.putIfAbsent(archived.id(), archived);
    }
    session.flush();
    return new ArrayList<>(touched.values());
  }

  private static <T> List<List<T>> chunks(List<T> values) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < values.size(); i += IN_CHUNK) {
      chunks.add(values.subList(i, Math.min(values.size(), i + IN_CHUNK)));
    }
    return chunks;
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

  /** Stops the parse workers (the caller has stopped calling {@link #indexNextBatch()}). */
  @Override
  public void close() {
    discardAhead();
    parsers.shutdownNow();
  }
}
