package eu.sovereignmail.archive.search.internal;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.blob.BlobStore;
import eu.sovereignmail.archive.journal.Direction;
import eu.sovereignmail.archive.message.MessageParser;
import eu.sovereignmail.archive.message.ParseLimits;
import eu.sovereignmail.archive.message.ParsedMessage;
import eu.sovereignmail.archive.search.Actor;
import eu.sovereignmail.archive.search.ArchiveSearch;
import eu.sovereignmail.archive.search.AuditEvent;
import eu.sovereignmail.archive.search.AuditHook;
import eu.sovereignmail.archive.search.IndexStatus;
import eu.sovereignmail.archive.search.JournalCopy;
import eu.sovereignmail.archive.search.MessageDetail;
import eu.sovereignmail.archive.search.QueryNode;
import eu.sovereignmail.archive.search.QueryParser;
import eu.sovereignmail.archive.search.QuerySyntaxException;
import eu.sovereignmail.archive.search.SearchHit;
import eu.sovereignmail.archive.search.SearchRefusedException;
import eu.sovereignmail.archive.search.SearchResult;
import eu.sovereignmail.archive.search.SearchSettings;
import eu.sovereignmail.archive.search.SearchSort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.engine.search.highlighter.dsl.HighlighterEncoder;
import org.hibernate.search.engine.search.predicate.dsl.PredicateFinalStep;
import org.hibernate.search.engine.search.predicate.dsl.SearchPredicateFactory;
import org.hibernate.search.engine.search.query.dsl.SearchQueryOptionsStep;
import org.hibernate.search.engine.search.query.SearchScroll;
import org.hibernate.search.engine.search.query.SearchScrollResult;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.session.SearchSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's search side on Hibernate Search: its own session factory over the archive database
 * (automatic indexing off: the {@link JournalIndexer} writes every document), a background thread
 * that follows the journal, and the audited search, show and raw calls.
 */
public final class HibernateArchiveSearch implements ArchiveSearch, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HibernateArchiveSearch.class);

  /** System property: {@code false} searches a date-sorted page over the whole index at once (for comparisons). */
  public static final String DATE_WINDOWS_PROPERTY = "sovereign.archive.search.date-windows";
  private static final long SPAN_MAX_AGE_NANOS = 60_000_000_000L;

  private final SessionFactory sessions;
  private final BlobStore blobs;
  private final MessageParser parser;
  private final JournalIndexer indexer;
  private final SearchSettings settings;
  private final AuditHook audit;
  /** Date-sorted pages from recent windows first ({@link DateWindows}); off only to compare, with the property. */
  private final boolean dateWindows;
  private volatile DatedSpan span;
  private final Object indexLock = new Object();
  private final Object wake = new Object();
  private volatile boolean running = true;
  private Thread thread;

  private HibernateArchiveSearch(SessionFactory sessions, BlobStore blobs, SearchSettings settings, AuditHook audit) {
    this.sessions = sessions;
    this.blobs = blobs;
    this.settings = settings;
    this.audit = audit;
    // A reader beside the indexing process opens a fresh index reader for every query, which costs more than the
    // windows' extra queries save: it searches the whole index at once.
    this.dateWindows = SearchSettings.LUCENE.equals(settings.backend()) && settings.indexer()
        && Boolean.parseBoolean(System.getProperty(DATE_WINDOWS_PROPERTY, "true"));
    this.parser = new MessageParser(ParseLimits.defaults());
    this.indexer = new JournalIndexer(sessions, blobs, parser, settings.consumer());
  }

  /** Boots the search mapping on {@code dataSource} (schema already migrated) and, if configured, starts indexing. */
  public static HibernateArchiveSearch start(DataSource dataSource, BlobStore blobs, SearchSettings settings,
      AuditHook audit) {
    SessionFactory sessions = sessionFactory(dataSource, settings);
    HibernateArchiveSearch search = new HibernateArchiveSearch(sessions, blobs, settings, audit);
    try {
      if (settings.indexer()) {
        search.rebuildIfIndexLost();
        search.thread = Thread.ofPlatform().name("archive-indexer").daemon(true).start(search::follow);
      }
    } catch (RuntimeException e) {
      search.indexer.close();
      sessions.close();
      throw e;
    }
    LOG.info("event=archive.search_open backend={} index_dir={} indexer={} consumer={}", settings.backend(),
        settings.indexDir(), settings.indexer(), settings.consumer());
    return search;
  }

  private static SessionFactory sessionFactory(DataSource dataSource, SearchSettings settings) {
    StandardServiceRegistryBuilder builder = new StandardServiceRegistryBuilder()
        .applySetting("hibernate.connection.datasource", dataSource)
        .applySetting("hibernate.hbm2ddl.auto", "none")
        .applySetting("hibernate.jdbc.time_zone", "UTC")
        .applySetting("hibernate.default_batch_fetch_size", "256")
        // The indexer inserts a batch's recipients, attachments and copies at once: send them as JDBC batches.
        .applySetting("hibernate.jdbc.batch_size", "100")
        .applySetting("hibernate.order_inserts", "true")
        .applySetting("hibernate.order_updates", "true")
        // Batch lookups use IN lists of every size: padded, their SQL plans are reused.
        .applySetting("hibernate.query.in_clause_parameter_padding", "true")
        .applySetting("hibernate.search.backend.type", settings.backend())
        .applySetting("hibernate.search.indexing.listeners.enabled", "false");
    if (SearchSettings.LUCENE.equals(settings.backend())) {
      builder.applySetting("hibernate.search.backend.directory.root", settings.indexDir().toAbsolutePath().toString())
          .applySetting("hibernate.search.backend.analysis.configurer", "class:" + SearchAnalysis.class.getName())
          .applySetting("hibernate.search.backend.lucene_version", "LATEST")
          // A batch of documents fits in the writer's buffer: one segment per commit, fewer merges.
          .applySetting("hibernate.search.backend.io.writer.ram_buffer_size", "64");
      if (!settings.indexer()) {
        // A reader beside the indexing process (a CLI tool next to the gateway): readers opened on the directory,
        // never through an index writer, whose lock the indexing process holds.
        builder.applySetting("hibernate.search.backend.io.strategy", "debug");
      }
    }
    settings.properties().forEach(builder::applySetting);
    StandardServiceRegistry registry = builder.build();
    try {
      return new MetadataSources(registry)
          .addAnnotatedClass(ArchivedMessageEntity.class)
          .buildMetadata()
          .buildSessionFactory();
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw e;
    }
  }

  /**
   * A deleted or fresh Lucene directory with a mark above 0 would stay empty, and in one written while subject and body
   * kept term vectors the highlighter would look for every hit's offsets in term vectors that newer documents lack
   * (it decides per field for the whole index), so their snippets would be missing: either way, start over from the
   * journal.
   */
  private void rebuildIfIndexLost() {
    if (!SearchSettings.LUCENE.equals(settings.backend()) || indexer.highWaterMark() == 0) {
      return;
    }
    long documents = sessions.fromSession(session -> Search.session(session).search(ArchivedMessageEntity.class)
        .where(f -> f.matchAll()).fetchTotalHitCount());
    if (documents == 0) {
      LOG.warn("event=archive.index_empty consumer={} action=reindex_from_start", settings.consumer());
      indexer.resetTo(0);
    } else if (keepsTermVectors(settings.indexDir().resolve(ArchivedMessageEntity.INDEX))) {
      LOG.warn("event=archive.index_outdated consumer={} reason=term_vectors documents={} action=reindex_from_start",
          settings.consumer(), documents);
      rebuild();
    }
  }

  /** Whether a segment of the Lucene index at {@code dir} keeps term vectors for subject or body (an older mapping). */
  static boolean keepsTermVectors(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Directory directory = FSDirectory.open(dir)) {
      if (!DirectoryReader.indexExists(directory)) {
        return false;
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        for (LeafReaderContext leaf : reader.leaves()) {
          for (String field : List.of(ArchivedMessageEntity.F_SUBJECT, ArchivedMessageEntity.F_BODY)) {
            FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
            if (info != null && info.hasVectors()) {
              return true;
            }
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the search index in " + dir, e);
    }
  }

  /** The background loop: index batches while there are entries, then wait for the poll interval. */
  private void follow() {
    long backoffMillis = 0;
    while (running) {
      try {
        int taken;
        synchronized (indexLock) {
          taken = running ? indexer.indexNextBatch() : 0;
        }
        backoffMillis = 0;
        if (taken < indexer.batchSize()) {
          pause(settings.pollInterval().toMillis());
        }
      } catch (RuntimeException e) {
        backoffMillis = Math.min(30_000, Math.max(1_000, backoffMillis * 2));
        LOG.warn("event=archive.index_failed retry_ms={} error=\"{}\"", backoffMillis, e.toString());
        pause(backoffMillis);
      }
    }
  }

  private void pause(long millis) {
    synchronized (wake) {
      if (running) {
        try {
          wake.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
  }

  @Override
  public long catchUp() {
    long total = 0;
    synchronized (indexLock) {
      int taken;
      while ((taken = indexer.indexNextBatch()) > 0) {
        total += taken;
      }
    }
    return total;
  }

  @Override
  public void rebuild() {
    synchronized (indexLock) {
      sessions.inTransaction(session -> Search.session(session).workspace(ArchivedMessageEntity.class).purge());
      indexer.resetTo(0);
      LOG.info("event=archive.index_rebuild consumer={}", settings.consumer());
    }
  }

  /** Deletes the index documents of purged archived messages (an id without a document is not an error). */
  public void removeFromIndex(Collection<Long> archivedIds) {
    synchronized (indexLock) {
      sessions.inTransaction(session -> {
        var plan = Search.session(session).indexingPlan();
        archivedIds.forEach(id -> plan.purge(ArchivedMessageEntity.class, id, null));
      });
    }
  }

  @Override
  public IndexStatus status() {
    long indexed = indexer.highWaterMark();
    return sessions.fromSession(session -> {
      long head = ((Number) session.createNativeQuery("SELECT last_seq FROM chain_head WHERE id = 1", Object.class)
          .getSingleResult()).longValue();
      long messages = ((Number) session.createNativeQuery("SELECT COUNT(*) FROM archived_message", Object.class)
          .getSingleResult()).longValue();
      Object oldest = session.createNativeQuery(
              "SELECT received_at FROM journal_entry WHERE seq = :s", Object.class)
          .setParameter("s", indexed + 1).uniqueResult();
      return new IndexStatus(head, indexed, messages, oldest == null ? null : toInstant(oldest));
    });
  }

  private static Instant toInstant(Object value) {
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof java.time.LocalDateTime local) {
      return local.toInstant(java.time.ZoneOffset.UTC);
    }
    return (Instant) value;
  }

  // ---- search ----

  @Override
  public SearchResult search(Actor actor, String query, SearchSort sort, int page, int pageSize) {
    if (page < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("page starts at 1 and pageSize is 1 to " + MAX_PAGE_SIZE);
    }
    QueryNode node;
    try {
      node = QueryParser.parse(query);
      PredicateBuilder.checkAllowed(node, actor.seesEnvelope());
    } catch (QuerySyntaxException | SearchRefusedException e) {
      audit.record(new AuditEvent.Refused(Instant.now(), actor, "search", String.valueOf(query), e.getMessage()));
      throw e;
    }
    long started = System.nanoTime();
    Ran ran = sessions.fromSession(session -> run(session, actor, query, node, sort, page, pageSize));
    SearchResult result = ran.result();
    audit.record(new AuditEvent.Searched(Instant.now(), actor, query, sort, page, pageSize, result.total()));
    LOG.debug("event=archive.search actor={} total={} total_exact={} window_from={} windows_tried={} ms={}",
        actor.name(), result.total(), result.totalExact(), ran.windowFrom() == null ? "all" : ran.windowFrom(),
        ran.windowsTried(), (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  /** A search's result and how it was found: from the recent window dated {@code windowFrom} on, or from all. */
  private record Ran(SearchResult result, Instant windowFrom, int windowsTried) {}

  /** A total: exact, or a lower bound. */
  private record Total(long count, boolean exact) {}

  /** The index's date span and when it was read ({@link System#nanoTime()}). */
  private record DatedSpan(DateWindows.Span span, long readAt) {}

  private Ran run(Session session, Actor actor, String query, QueryNode node, SearchSort sort, int page,
      int pageSize) {
    SearchSession search = Search.session(session);
    int offset = (page - 1) * pageSize;
    int needed = offset + pageSize;
    // Sorted by date: the page from the narrowest recent window that holds it (DateWindows), which is the whole
    // query's page. Windows are tried by counting their matches (up to the threshold), which is much cheaper than
    // sorting them; the count steers the next window. When the density seen says that the whole index holds fewer
    // than about eight times the threshold's worth of matches, a window might not bound the total (an exact total
    // needs every match visited), and the first windows are small samples: the page is searched in the whole index
    // in one pass, which then sorts a bounded number of matches (an empty window counts as one match: "few").
    int threshold = settings.totalHitCountThreshold();
    DateWindows windows = sort == SearchSort.DATE && dateWindows ? DateWindows.of(Instant.now(), dateSpan()) : null;
    Instant from = windows == null ? null : windows.first(needed);
    long found = 0;
    int tried = 0;
    while (from != null) {
      tried++;
      found = countQuery(search, actor, node, from).fetch(0).total().hitCountLowerBound();
      if (found < threshold && windows.wider(from, Math.max(found, 1), 4L * threshold) == null) {
        from = null;
      } else if (found < needed) {
        from = windows.wider(from, found, needed);
      } else {
        break;
      }
    }
    var result = pageQuery(search, actor, node, sort, from)
        // Counting every match of a broad query exactly makes the index visit them all; beyond the threshold
        // the total is a lower bound and matches that cannot reach the page are skipped. In a window, the total
        // is counted apart.
        .totalHitCountThreshold(from == null ? threshold : needed)
        .fetch(offset, pageSize);
    Total total = from == null ? new Total(result.total().hitCountLowerBound(), result.total().isHitCountExact())
        : totalBeyond(search, actor, node, windows, from, found);
    return new Ran(new SearchResult(query, total.count(), page, pageSize, sort, result.hits(), total.exact()), from,
        tried);
  }

  /**
   * The total of a query whose page came from the window dated {@code from} on, which held {@code found} matches
   * (counted up to the threshold): beyond the threshold a lower bound, as a search over the whole index gives it;
   * else counted in windows sized to hold the threshold by the density seen, which gives a lower bound without
   * visiting every match, else in the whole index.
   */
  private Total totalBeyond(SearchSession search, Actor actor, QueryNode node, DateWindows windows,
      Instant from, long found) {
    int threshold = settings.totalHitCountThreshold();
    Instant countFrom = from;
    long inWindow = found;
    while (inWindow < threshold) {
      countFrom = windows.wider(countFrom, inWindow, threshold);
      if (countFrom == null) {
        long all = countQuery(search, actor, node, null).fetch(0).total().hitCountLowerBound();
        return new Total(all, all < threshold);
      }
      inWindow = countQuery(search, actor, node, countFrom).fetch(0).total().hitCountLowerBound();
    }
    return new Total(inWindow, false);
  }

  private SearchQueryOptionsStep<?, ?, Long, ?, ?, ?> countQuery(SearchSession search, Actor actor, QueryNode node,
      Instant from) {
    return search.search(ArchivedMessageEntity.class)
        .select(f -> f.id(Long.class))
        .where(f -> matching(f, actor, node, from))
        .totalHitCountThreshold(settings.totalHitCountThreshold());
  }

  private static PredicateFinalStep matching(SearchPredicateFactory f, Actor actor, QueryNode node, Instant from) {
    PredicateFinalStep matches = new PredicateBuilder(f, actor.seesEnvelope()).build(node);
    return from == null ? matches
        : f.bool().must(matches).filter(f.range().field(ArchivedMessageEntity.F_DATE).atLeast(from));
  }

  /** The page's query: {@code node} (only matches dated {@code from} or later unless null), sorted, highlighted. */
  private static SearchQueryOptionsStep<?, ?, SearchHit, ?, ?, ?> pageQuery(SearchSession search, Actor actor,
      QueryNode node, SearchSort sort, Instant from) {
    return search.search(ArchivedMessageEntity.class)
        .select(f -> f.composite()
            .from(f.entity(), f.highlight(ArchivedMessageEntity.F_SUBJECT), f.highlight(ArchivedMessageEntity.F_BODY))
            .as((entity, subject, body) -> hit(entity, actor, Stream.concat(subject.stream(), body.stream()).toList())))
        .where(f -> matching(f, actor, node, from))
        .sort(f -> sort == SearchSort.RELEVANCE
            ? f.score().then().field(ArchivedMessageEntity.F_DATE).desc().then().field(ArchivedMessageEntity.F_ID).desc()
            : f.field(ArchivedMessageEntity.F_DATE).desc().then().field(ArchivedMessageEntity.F_ID).desc())
        .highlighter(h -> h.unified().tag("<em>", "</em>").encoder(HighlighterEncoder.HTML)
            .numberOfFragments(2));
  }

  /**
   * The oldest and newest message date in the Lucene index, or null when it holds none; read again at most once a
   * minute (it only steers the windows, a page is right whatever it says).
   */
  private DateWindows.Span dateSpan() {
    DatedSpan known = span;
    if (known == null || System.nanoTime() - known.readAt() > SPAN_MAX_AGE_NANOS) {
      known = new DatedSpan(readDateSpan(), System.nanoTime());
      span = known;
    }
    return known.span();
  }

  private DateWindows.Span readDateSpan() {
    try (IndexReader reader = Search.mapping(sessions).scope(ArchivedMessageEntity.class)
        .extension(LuceneExtension.get()).openIndexReader()) {
      return DateWindows.Span.read(reader, ArchivedMessageEntity.F_DATE, Instant.now());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close a search index reader", e);
    }
  }

  private static SearchHit hit(ArchivedMessageEntity message, Actor actor, List<String> snippets) {
    boolean envelope = actor.seesEnvelope();
    return new SearchHit(message.id(), message.messageId(), message.date(), message.from(),
        message.recipients(RecipientValue.TO), message.recipients(RecipientValue.CC),
        envelope ? message.recipients(RecipientValue.ENVELOPE).stream().map(m -> m.address()).toList() : List.of(),
        envelope, message.subject(), message.sizeBytes(), message.directions(), message.hasAttachments(),
        message.malformed(), message.copies(), snippets);
  }

  @Override
  public Set<Long> matchingIds(String query) {
    QueryNode node = QueryParser.parse(query);
    return sessions.fromSession(session -> {
      Set<Long> ids = new HashSet<>();
      try (SearchScroll<Long> scroll = Search.session(session).search(ArchivedMessageEntity.class)
          .select(f -> f.id(Long.class))
          .where(f -> new PredicateBuilder(f, true).build(node))
          .scroll(1_000)) {
        for (SearchScrollResult<Long> chunk = scroll.next(); chunk.hasHits(); chunk = scroll.next()) {
          ids.addAll(chunk.hits());
        }
      }
      return ids;
    });
  }

  // ---- show and raw ----

  @Override
  public Optional<MessageDetail> show(Actor actor, long id) throws IOException {
    Optional<Loaded> loaded = load(id, actor);
    if (loaded.isEmpty()) {
      return Optional.empty();
    }
    ParsedMessage parsed = parser.parse(blobs.get(new BlobId(loaded.get().summary().blobSha())));
    boolean envelope = actor.seesEnvelope();
    MessageDetail detail = new MessageDetail(loaded.get().summary().hit(), parsed.headers(), parsed.parts(),
        parsed.bodyText(), parsed.problems(), envelope, envelope ? loaded.get().copies() : List.of());
    audit.record(new AuditEvent.Viewed(Instant.now(), actor, id, envelope, false));
    return Optional.of(detail);
  }

  @Override
  public Optional<byte[]> raw(Actor actor, long id) throws IOException {
    Optional<String> sha = sessions.fromSession(session -> Optional.ofNullable(
        session.find(ArchivedMessageEntity.class, id)).map(ArchivedMessageEntity::blobSha256));
    if (sha.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = blobs.get(new BlobId(sha.get()));
    audit.record(new AuditEvent.Viewed(Instant.now(), actor, id, actor.seesEnvelope(), true));
    return Optional.of(bytes);
  }

  private record Summary(SearchHit hit, String blobSha) {}

  private record Loaded(Summary summary, List<JournalCopy> copies) {}

  private Optional<Loaded> load(long id, Actor actor) {
    return sessions.fromSession(session -> {
      ArchivedMessageEntity message = session.find(ArchivedMessageEntity.class, id);
      if (message == null) {
        return Optional.empty();
      }
      Summary summary = new Summary(hit(message, actor, List.of()), message.blobSha256());
      List<JournalCopy> copies = actor.seesEnvelope() ? copies(session, message.copySequences()) : List.of();
      return Optional.of(new Loaded(summary, copies));
    });
  }

  private static List<JournalCopy> copies(Session session, List<Long> sequences) {
    if (sequences.isEmpty()) {
      return List.of();
    }
    Map<Long, List<String>> recipients = new HashMap<>();
    for (Object[] r : session.createNativeQuery("SELECT entry_seq, address FROM journal_recipient "
            + "WHERE entry_seq IN (:seqs) ORDER BY entry_seq, position", Object[].class)
        .setParameter("seqs", sequences).getResultList()) {
      recipients.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add((String) r[1]);
    }
    List<JournalCopy> copies = new ArrayList<>();
    for (Object[] r : session.createNativeQuery("SELECT e.seq, e.spool_record_id, m.sha256, e.mail_from, e.direction, "
            + "e.client_ip, e.authenticated_user, e.gateway_node, e.received_at FROM journal_entry e "
            + "JOIN message m ON m.id = e.message_ref WHERE e.seq IN (:seqs) ORDER BY e.seq", Object[].class)
        .setParameter("seqs", sequences).getResultList()) {
      long seq = ((Number) r[0]).longValue();
      copies.add(new JournalCopy(seq, (String) r[1], (String) r[2], (String) r[3], recipients.getOrDefault(seq, List.of()),
          Direction.valueOf((String) r[4]), (String) r[5], (String) r[6], (String) r[7], toInstant(r[8])));
    }
    return copies;
  }

  @Override
  public void close() {
    running = false;
    synchronized (wake) {
      wake.notifyAll();
    }
    if (thread != null) {
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    indexer.close();
    sessions.close();
    LOG.info("event=archive.search_close");
  }
}
