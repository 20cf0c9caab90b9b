package eu.sovereignmail.archive.export;

import eu.sovereignmail.archive.audit.AccessDeniedException;
import eu.sovereignmail.archive.blob.BlobStore;
import eu.sovereignmail.archive.export.internal.ExportJob;
import eu.sovereignmail.archive.export.internal.ExportTables;
import eu.sovereignmail.archive.journal.CheckpointKey;
import eu.sovereignmail.archive.retention.AuditSink;
import eu.sovereignmail.archive.sql.ArchiveSql;
import eu.sovereignmail.archive.search.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Case exports for the legal team: the messages a case's queries (or an explicit list) select, as a ZIP of
 * EML files or an mbox, with a manifest (CSV and JSON) of every message's SHA-256, headers and journal
 * entry hash, signed (Ed25519, detached) with the archive's checkpoint key. Exports run one at a time on a
 * background thread, show their progress, and continue after a restart; their files live under the export
 * directory. Every call checks the role and case membership itself and is audited.
 */
public final class Exports implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Exports.class);
  /** Roles that may export (within cases they may work in). */
  public static final Set<String> ROLES = Set.of("legal", "legal-admin");
  /** Most messages one export may hold. */
  public static final int MAX_MESSAGES = 1_000_000;

  private final DataSource dataSource;
  private final CheckpointKey key;
  private final Path exportDir;
  private final CaseAccess cases;
  private final QueryResolver queries;
  private final AuditSink audit;
  private final Clock clock;
  private final ExportJob job;
  private final ExecutorService worker;
  private volatile boolean closed;

  /**
   * @param key signs the manifests (the archive's checkpoint key; its public half verifies them)
   * @param exportDir where export files are written (created if missing)
   * @param cases whether an actor may work within a case
   * @param queries resolves the case's queries to archived message ids
   * @param audit records every start and download ({@code AuditLog::record})
   */
  public Exports(DataSource dataSource, BlobStore blobs, CheckpointKey key, Path exportDir, CaseAccess cases,
      QueryResolver queries, AuditSink audit, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.key = Objects.requireNonNull(key, "key");
    this.exportDir = exportDir.toAbsolutePath();
    this.cases = Objects.requireNonNull(cases, "cases");
    this.queries = Objects.requireNonNull(queries, "queries");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.job = new ExportJob(dataSource, Objects.requireNonNull(blobs, "blobs"), key, this.exportDir, clock);
    this.worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("archive-export").daemon(true).factory());
  }

  /**
   * Starts exporting every message the {@code queries} match (their union, fixed now) for case {@code caseId};
   * returns the export id. Audited as {@code export.start}.
   *
   * @throws AccessDeniedException without a legal role or access to the case
   * @throws eu.sovereignmail.archive.search.QuerySyntaxException for a malformed query
   * @throws IllegalArgumentException when nothing matches or the export would be too large
   */
  public long start(Actor actor, long caseId, List<String> queryTexts, ExportFormat format) {
    requireCase(actor, caseId, "export.start");
    if (queryTexts == null || queryTexts.isEmpty() || queryTexts.stream().anyMatch(q -> q == null || q.isBlank())) {
      throw new IllegalArgumentException("an export needs at least one query, none blank");
    }
    Set<Long> ids = new TreeSet<>();
    queryTexts.forEach(q -> ids.addAll(queries.matchingIds(actor, q)));
    return begin(actor, caseId, ids, format, "queries: " + String.join(" | ", queryTexts));
  }

  /** Starts exporting the archived messages {@code ids} for case {@code caseId}; as {@link #start}. */
  public long startIds(Actor actor, long caseId, Collection<Long> ids, ExportFormat format) {
    requireCase(actor, caseId, "export.start");
    queries.requireReadable(actor, ids);
    return begin(actor, caseId, new TreeSet<>(ids), format, "ids: " + ids.size());
  }

  private long begin(Actor actor, long caseId, Set<Long> ids, ExportFormat format, String selection) {
    Objects.requireNonNull(format, "format");
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("the selection matches no message: nothing to export");
    }
    if (ids.size() > MAX_MESSAGES) {
      throw new IllegalArgumentException("an export holds at most " + MAX_MESSAGES + " messages, this one " + ids.size());
    }
    List<Long> ordered = List.copyOf(ids);
    // The audit entry is written in the transaction that creates the export: if it fails, there is no export.
    long id = ArchiveSql.inTransaction(dataSource, c -> {
      long created = ExportTables.insertExport(c, caseId, format, selection, actor.name(), clock.instant(), ordered);
      audit.record(actor, "export.start", "case:" + caseId, "export=" + created + " format=" + format + " messages="
          + ordered.size() + " " + (selection.length() > 1000 ? selection.substring(0, 1000) : selection));
      return created;
    });
    LOG.info("event=export.start export={} case={} format={} messages={} actor={}", id, caseId, format, ordered.size(),
        actor.name());
    submit(id);
    return id;
  }

  /** Where export {@code id} stands. */
  public ExportProgress progress(Actor actor, long id) {
    ExportProgress export = find(id);
    requireCase(actor, export.caseId(), "export.view");
    return export;
  }

  /** The exports of case {@code caseId}, newest first. */
  public List<ExportProgress> list(Actor actor, long caseId) {
    requireCase(actor, caseId, "export.view");
    return ArchiveSql.inTransaction(dataSource, c -> ExportTables.exports(c, null, caseId, null));
  }

  /** The finished export file (ZIP or mbox) to stream to the client; audited as {@code export.download}. */
  public Path open(Actor actor, long id) {
    return open(actor, id, ExportPart.ARCHIVE);
  }

  /**
   * One file of finished export {@code id}; audited as {@code export.download}.
   *
   * @throws IllegalStateException when the export is not done
   */
  public Path open(Actor actor, long id, ExportPart part) {
    ExportProgress export = find(id);
    requireCase(actor, export.caseId(), "export.download");
    if (export.status() != ExportProgress.Status.DONE) {
      throw new IllegalStateException("export " + id + " is " + export.status() + ", not DONE");
    }
    Path file = ExportJob.file(exportDir, id, export.format(), part);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("export " + id + ": its file " + file.getFileName() + " is gone");
    }
    audit.record(actor, "export.download", "export:" + id, "case=" + export.caseId() + " part=" + part);
    return file;
  }

  /** The PEM public key that verifies every manifest signature (also served for auditors). */
  public String publicKeyPem() {
    return key.publicKeyPem();
  }

  /** Queues every export a stop left RUNNING (called once at start); returns how many. */
  public int resumeUnfinished() {
    List<ExportProgress> running = ArchiveSql.inTransaction(dataSource,
        c -> ExportTables.exports(c, null, null, ExportProgress.Status.RUNNING));
    List<Long> ids = new ArrayList<>();
    for (ExportProgress export : running.reversed()) {
      ids.add(export.id());
      submit(export.id());
    }
    if (!ids.isEmpty()) {
      LOG.info("event=export.resume exports={}", ids);
    }
    return ids.size();
  }

  private void submit(long id) {
    worker.execute(() -> {
      if (!closed) {
        job.run(id, () -> closed);
      }
    });
  }

  private ExportProgress find(long id) {
    return ArchiveSql.inTransaction(dataSource, c -> ExportTables.exports(c, id, null, null)).stream().findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no export " + id));
  }

  private void requireCase(Actor actor, long caseId, String action) {
    Objects.requireNonNull(actor, "actor");
    String reason = actor.roles().stream().noneMatch(ROLES::contains) ? "requires role legal or legal-admin"
        : !cases.permits(actor, caseId) ? "not a member of case " + caseId : null;
    if (reason != null) {
      audit.record(actor, "access.denied", "case:" + caseId, action + ": " + reason);
      throw new AccessDeniedException(action, "case:" + caseId, reason);
    }
  }

  /**
   * Stops the background writer after the message it is on; unfinished exports stay RUNNING and
   * {@link #resumeUnfinished()} continues them at the next start.
   */
  @Override
  public void close() {
    closed = true;
    worker.shutdown();
    try {
      if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("event=export.close_timeout");
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.shutdownNow();
    }
  }
}
