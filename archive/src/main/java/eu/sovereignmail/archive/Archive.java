package eu.sovereignmail.archive;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.sovereignmail.archive.blob.BlobStore;
import eu.sovereignmail.archive.blob.FileBlobStore;
import eu.sovereignmail.archive.blob.KeyRing;
import eu.sovereignmail.archive.journal.Journal;
import eu.sovereignmail.archive.journal.internal.ChainHeadEntity;
import eu.sovereignmail.archive.journal.internal.HibernateJournal;
import eu.sovereignmail.archive.journal.internal.JournalEntryEntity;
import eu.sovereignmail.archive.journal.internal.MessageEntity;
import eu.sovereignmail.archive.search.ArchiveSearch;
import eu.sovereignmail.archive.search.AuditHook;
import eu.sovereignmail.archive.search.internal.HibernateArchiveSearch;
import java.io.IOException;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive module opened: connection pool, schema brought up to date by Flyway, Hibernate ORM, key
 * ring and blob store, wired into the journal. The gateway opens one at start and closes it at stop.
 */
public final class Archive implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Archive.class);
  /** Where the archive's Flyway migrations live on the class path. */
  public static final String MIGRATIONS = "classpath:db/archive";

  private final HikariDataSource dataSource;
  private final SessionFactory sessions;
  private final BlobStore blobs;
  private final Journal journal;
  private final HibernateArchiveSearch search;

  private Archive(HikariDataSource dataSource, SessionFactory sessions, BlobStore blobs, Journal journal,
      HibernateArchiveSearch search) {
    this.dataSource = dataSource;
    this.sessions = sessions;
    this.blobs = blobs;
    this.journal = journal;
    this.search = search;
  }

  /** Opens the archive described by {@code settings}; fails (and releases what it opened) if any part cannot start. */
  public static Archive open(ArchiveSettings settings) throws IOException {
    return open(settings, AuditHook.logging());
  }

  /** As {@link #open(ArchiveSettings)}, reporting every search and view to {@code audit}. */
  public static Archive open(ArchiveSettings settings, AuditHook audit) throws IOException {
    KeyRing keys = settings.keyFile() == null ? KeyRing.fromEnvironment() : KeyRing.fromFile(settings.keyFile());
    BlobStore blobs = FileBlobStore.open(settings.blobDir(), keys);
    HikariDataSource dataSource = dataSource(settings);
    try {
      var migration = Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
      LOG.info("event=archive.schema migrations_applied={} version={}", migration.migrationsExecuted,
          migration.targetSchemaVersion != null ? migration.targetSchemaVersion : migration.initialSchemaVersion);
      SessionFactory sessions = sessionFactory(dataSource);
      HibernateArchiveSearch search;
      try {
        search = HibernateArchiveSearch.start(dataSource, blobs, settings.search(), audit);
      } catch (RuntimeException e) {
        sessions.close();
        throw e;
      }
      LOG.info("event=archive.open jdbc_url={} blob_dir={} keys={}", settings.jdbcUrl(), settings.blobDir(), keys);
      return new Archive(dataSource, sessions, blobs, new HibernateJournal(sessions, blobs, Clock.systemUTC()), search);
    } catch (RuntimeException e) {
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
    return search;
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
        .build();
    try {
      return new MetadataSources(registry)
          .addAnnotatedClass(ChainHeadEntity.class)
          .addAnnotatedClass(MessageEntity.class)
          .addAnnotatedClass(JournalEntryEntity.class)
          .buildMetadata()
          .buildSessionFactory();
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw e;
    }
  }

  @Override
  public void close() {
    search.close();
    sessions.close();
    dataSource.close();
    LOG.info("event=archive.close");
  }
}
