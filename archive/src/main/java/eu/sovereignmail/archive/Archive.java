package eu.sovereignmail.archive;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.sovereignmail.archive.audit.AuditLog;
import eu.sovereignmail.archive.audit.internal.JdbcAuditLog;
import eu.sovereignmail.archive.blob.BlobStore;
import eu.sovereignmail.archive.blob.BlobUsage;
import eu.sovereignmail.archive.blob.FileBlobStore;
import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.archive.blob.S3BlobStore;
import eu.sovereignmail.archive.cases.Cases;
import eu.sovereignmail.archive.cases.internal.CaseQueries;
import eu.sovereignmail.archive.cases.internal.JdbcCases;
import eu.sovereignmail.archive.holds.Holds;
import eu.sovereignmail.archive.holds.internal.JdbcHolds;
import eu.sovereignmail.archive.journal.CheckpointKey;
import eu.sovereignmail.archive.journal.Checkpoints;
import eu.sovereignmail.archive.journal.Journal;
import eu.sovereignmail.archive.journal.VerifyReport;
import eu.sovereignmail.archive.journal.internal.ChainHeadEntity;
import eu.sovereignmail.archive.journal.internal.CheckpointEntity;
import eu.sovereignmail.archive.journal.internal.HibernateCheckpoints;
import eu.sovereignmail.archive.journal.internal.HibernateJournal;
import eu.sovereignmail.archive.journal.internal.JournalEntryEntity;
import eu.sovereignmail.archive.journal.internal.MessageEntity;
import eu.sovereignmail.archive.export.Exports;
import eu.sovereignmail.archive.retention.Retention;
import eu.sovereignmail.archive.search.ArchiveSearch;
import eu.sovereignmail.archive.search.AuditHook;
import eu.sovereignmail.archive.search.internal.HibernateArchiveSearch;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive module opened: connection pool, schema brought up to date by Flyway, Hibernate ORM, key
 * ring and blob store (files or S3), checkpoint signing key, wired into the journal. The gateway opens one
 * at start and closes it at stop; the {@code archive} CLI opens one to verify and count.
 */
public final class Archive implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Archive.class);
  /** Where the archive's Flyway migrations live on the class path. */
  public static final String MIGRATIONS = "classpath:db/archive";

  private final HikariDataSource dataSource;
  private final SessionFactory sessions;
  private final BlobStore blobs;
  private final HibernateCheckpoints checkpoints;
  private final HibernateJournal journal;
  private final Supplier<HibernateArchiveSearch> startSearch;
  private HibernateArchiveSearch search;
  private final JdbcAuditLog audit;
  private final JdbcCases cases;
  private final JdbcHolds holds;
  private final Retention retention;
  private final Exports exports;

  private Archive(HikariDataSource dataSource, SessionFactory sessions, BlobStore blobs, HibernateCheckpoints checkpoints,
      HibernateJournal journal, Supplier<HibernateArchiveSearch> startSearch, HibernateArchiveSearch search,
      JdbcAuditLog audit, CheckpointKey checkpointKey, ArchiveSettings settings, Clock clock) {
    this.dataSource = dataSource;
    this.sessions = sessions;
    this.blobs = blobs;
    this.checkpoints = checkpoints;
    this.journal = journal;
    this.startSearch = startSearch;
    this.search = search;
    this.audit = audit;
    this.cases = new JdbcCases(dataSource, audit, clock);
    this.holds = new JdbcHolds(dataSource, audit, cases, this::search, clock);
    // Purges ask the holds (holds always win) and take purged messages out of the index; exports check case
    // membership through the cases and fix a query's selection through the index. Both record to the audit log.
    this.retention = new Retention(dataSource, blobs, holds, ids -> searchEngine().removeFromIndex(ids), audit::record,
        clock);
    this.exports = new Exports(dataSource, blobs, checkpointKey, settings.exportDir(), cases::permits,
        new CaseQueries(cases, query -> searchEngine().matchingIds(query)), audit::record, clock);
  }

  /**
   * Opens the archive described by {@code settings}; fails (and releases what it opened) if any part cannot
   * start. Creates the checkpoint signing key file at first open. Every search and view is recorded in the
   * archive's {@link #audit() audit log}.
   */
  public static Archive open(ArchiveSettings settings) throws IOException {
    return open(settings, Optional.empty());
  }

  /**
   * As {@link #open(ArchiveSettings)}, reporting every search and view to {@code audit} instead of the audit log
   * (tests; the audit log still records the legal workflows).
   */
  public static Archive open(ArchiveSettings settings, AuditHook audit) throws IOException {
    return open(settings, Optional.of(audit));
  }

  private static Archive open(ArchiveSettings settings, Optional<AuditHook> searchAudit) throws IOException {
    KeyRing keys = settings.keyFile() == null ? KeyRing.fromEnvironment() : KeyRing.fromFile(settings.keyFile());
    CheckpointKey checkpointKey = CheckpointKey.loadOrCreate(settings.checkpointKeyFileOrDefault());
    BlobStore blobs = settings.s3() != null ? S3BlobStore.open(settings.s3(), keys) : FileBlobStore.open(settings.blobDir(), keys);
    HikariDataSource dataSource = dataSource(settings);
    SessionFactory sessions = null;
    try {
      var migration = Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
      LOG.info("event=archive.schema migrations_applied={} version={}", migration.migrationsExecuted,
          migration.targetSchemaVersion != null ? migration.targetSchemaVersion : migration.initialSchemaVersion);
      sessions = sessionFactory(dataSource);
      Clock clock = Clock.systemUTC();
      JdbcAuditLog auditLog = new JdbcAuditLog(dataSource, clock);
      AuditHook audit = searchAudit.orElse(auditLog);
      HibernateCheckpoints checkpoints = HibernateCheckpoints.start(sessions, checkpointKey, settings.checkpoints(), clock);
      // The indexing process starts search now (its indexer follows the journal); a tool that only reads the
      // index starts it on first use, so verify and stats never touch an index another process is writing.
      Supplier<HibernateArchiveSearch> startSearch = () -> HibernateArchiveSearch.start(dataSource, blobs, settings.search(), audit);
      HibernateArchiveSearch search = null;
      if (settings.search().indexer()) {
        try {
          search = startSearch.get();
        } catch (RuntimeException e) {
          checkpoints.close();
          throw e;
        }
      }
      LOG.info("event=archive.open jdbc_url={} blobs={} keys={} checkpoint_key={} export_dir={}", settings.jdbcUrl(),
          blobs, keys, checkpointKey.keyId(), settings.exportDir());
      Archive archive = new Archive(dataSource, sessions, blobs, checkpoints,
          new HibernateJournal(sessions, blobs, clock, checkpoints), startSearch, search, auditLog, checkpointKey, settings, clock);
      if (settings.search().indexer()) {
        archive.resumeLegalWork();
      }
      return archive;
    } catch (RuntimeException e) {
      if (sessions != null) {
        sessions.close();
      }
      dataSource.close();
      throw e;
    }
  }

  public Journal journal() {
    return journal;
  }

  public BlobStore blobs() {
    return blobs;
  }

  /** Search, show and index status; indexing follows the journal in the background. */
  public ArchiveSearch search() {
    return searchEngine();
  }

  private synchronized HibernateArchiveSearch searchEngine() {
    if (search == null) {
      search = startSearch.get();
    }
    return search;
  }

  /** In the indexing process only: finishes approved purges and exports a stop interrupted, starts the retention job. */
  private void resumeLegalWork() {
    try {
      retention.resumeApproved();
    } catch (RuntimeException e) {
      LOG.warn("event=archive.purge_resume_failed error=\"{}\"", e.toString());
    }
    exports.resumeUnfinished();
    retention.scheduleDueJob(Duration.ofMinutes(1), Duration.ofDays(1));
  }

  /** The hash-chained audit log of searches, views and legal changes; also the search's audit hook by default. */
  public AuditLog audit() {
    return audit;
  }

  /** Cases (matters) with members, custodians, saved searches and notes. */
  public Cases cases() {
    return cases;
  }

  /** Legal holds on cases, and the hold check purges consult. */
  public Holds holds() {
    return holds;
  }

  /** Signed checkpoints of the journal chain: on demand, recent ones, the signing key. */
  public Checkpoints checkpoints() {
    return checkpoints;
  }

  /** Retention policies, purge proposals with four eyes, tombstones. */
  public Retention retention() {
    return retention;
  }

  /** Case exports (ZIP or mbox with a signed manifest), resumed after a restart. */
  public Exports exports() {
    return exports;
  }

  /**
   * {@link Journal#verify()}, also trusting checkpoints signed by {@code alsoTrusted} (public keys an auditor
   * was given, e.g. of a retired checkpoint key).
   */
  public VerifyReport verify(Collection<CheckpointKey> alsoTrusted) throws IOException {
    return journal.verify(alsoTrusted);
  }

  /** Counts messages, entries, blobs and bytes (reads the blob store's whole listing). */
  public ArchiveStats stats() throws IOException {
    long[] counts = sessions.fromSession(session -> new long[] {
        count(session, "select count(*) from MessageEntity"),
        count(session, "select coalesce(sum(m.sizeBytes), 0) from MessageEntity m"),
        count(session, "select count(*) from JournalEntryEntity"),
        count(session, "select coalesce(sum(e.message.sizeBytes), 0) from JournalEntryEntity e"),
        count(session, "select count(*) from CheckpointEntity"),
        count(session, "select coalesce(max(c.seq), 0) from CheckpointEntity c")});
    BlobUsage usage = blobs.usage();
    return new ArchiveStats(counts[0], counts[2], usage.blobs(), counts[1], counts[3], usage.storedBytes(), counts[4],
        counts[5]);
  }

  private static long count(Session session, String hql) {
    return session.createSelectionQuery(hql, Number.class).getSingleResult().longValue();
  }

  private static HikariDataSource dataSource(ArchiveSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("archive");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.jdbcUser());
    config.setPassword(settings.jdbcPassword());
    config.setMaximumPoolSize(settings.poolSize());
    config.setMinimumIdle(1);
    return new HikariDataSource(config);
  }

  private static SessionFactory sessionFactory(HikariDataSource dataSource) {
    StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
        .applySetting("hibernate.connection.datasource", dataSource)
        // Flyway owns the schema; Hibernate never changes it.
        .applySetting("hibernate.hbm2ddl.auto", "none")
        // Instants are stored as UTC DATETIME(6), so they read back exactly as hashed.
        .applySetting("hibernate.jdbc.time_zone", "UTC")
        .applySetting("hibernate.default_batch_fetch_size", "256")
        // Search runs on its own session factory (search.internal.HibernateArchiveSearch).
        .applySetting("hibernate.search.enabled", "false")
        // A group commit inserts many entries and recipients at once: send them as JDBC batches.
        .applySetting("hibernate.jdbc.batch_size", "64")
        .applySetting("hibernate.order_inserts", "true")
        // A group commit looks its batch up with IN lists of every size: padded, their SQL plans are reused.
        .applySetting("hibernate.query.in_clause_parameter_padding", "true")
        .build();
    try {
      return new MetadataSources(registry)
          .addAnnotatedClass(ChainHeadEntity.class)
          .addAnnotatedClass(MessageEntity.class)
          .addAnnotatedClass(JournalEntryEntity.class)
          .addAnnotatedClass(CheckpointEntity.class)
          .buildMetadata()
          .buildSessionFactory();
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw e;
    }
  }

  @Override
  public void close() {
    exports.close();
    retention.close();
    synchronized (this) {
      if (search != null) {
        search.close();
      }
    }
    journal.close();
    checkpoints.close();
    sessions.close();
    dataSource.close();
    LOG.info("event=archive.close");
  }
}
