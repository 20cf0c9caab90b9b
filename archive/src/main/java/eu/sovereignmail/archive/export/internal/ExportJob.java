package eu.sovereignmail.archive.export.internal;

import eu.sovereignmail.archive.blob.BlobId;
import eu.sovereignmail.archive.blob.BlobStore;
import eu.sovereignmail.archive.blob.internal.AtomicFileWrite;
import eu.sovereignmail.archive.export.ExportFormat;
import eu.sovereignmail.archive.export.ExportPart;
import eu.sovereignmail.archive.export.ExportProgress;
import eu.sovereignmail.archive.journal.CheckpointKey;
import eu.sovereignmail.archive.sql.ArchiveSql;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one case export in two phases, each resumable. Staging: every selected message is read from the
 * blob store (checked against its hash) into its own fsynced file and recorded as staged, one at a time, so
 * a restart continues after the last one recorded. Packing: the signed manifest and the ZIP or mbox are
 * written from the staged files (each re-hashed on the way) into a temporary file renamed into place; a
 * stop during packing redoes only the packing. Nothing holds more than one message in memory, apart from
 * the manifest JSON while it is signed (about half a kilobyte per message).
 */
public final class ExportJob {
  private static final Logger LOG = LoggerFactory.getLogger(ExportJob.class);
  private static final int PAGE = 100;

  private final DataSource dataSource;
  private final BlobStore blobs;
  private final CheckpointKey key;
  private final Path exportDir;
  private final Clock clock;

  public ExportJob(DataSource dataSource, BlobStore blobs, CheckpointKey key, Path exportDir, Clock clock) {
    this.dataSource = dataSource;
    this.blobs = blobs;
    this.key = key;
    this.exportDir = exportDir;
    this.clock = clock;
  }

  /** The directory that holds export {@code id}'s files. */
  public static Path directory(Path exportDir, long id) {
    return exportDir.resolve(Long.toString(id));
  }

  /** The file that holds {@code part} of export {@code id}. */
  public static Path file(Path exportDir, long id, ExportFormat format, ExportPart part) {
    return directory(exportDir, id).resolve(switch (part) {
      case ARCHIVE -> "export-" + id + "." + format.extension();
      case MANIFEST_CSV -> "manifest.csv";
      case MANIFEST_JSON -> "manifest.json";
      case SIGNATURE -> "manifest.json.sig";
      case PUBLIC_KEY -> "signing-key.pem";
    });
  }

  /**
   * Runs export {@code id} until it is done or failed, or until {@code stopping} says to stop (then it stays
   * RUNNING and a later run continues it).
   */
  public void run(long id, BooleanSupplier stopping) {
    long started = System.nanoTime();
    try {
      ExportProgress export = ArchiveSql.inTransaction(dataSource, c -> ExportTables.exports(c, id, null, null)).getFirst();
      if (export.status() != ExportProgress.Status.RUNNING) {
        return;
      }
      Path dir = directory(exportDir, id);
      AtomicFileWrite.createDirectories(dir.resolve("staging"));
      AtomicFileWrite.createDirectories(dir.resolve("tmp"));
      // Exports hold mail: only the archive's user may enter their directory.
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      LOG.info("event=export.run export={} case={} format={} total={} done={}", id, export.caseId(), export.format(),
          export.total(), export.done());
      if (!stage(export, dir, stopping) || !pack(export, dir, stopping)) {
        LOG.info("event=export.stopped export={} ms={}", id, (System.nanoTime() - started) / 1_000_000);
        return;
      }
      LOG.info("event=export.done export={} ms={}", id, (System.nanoTime() - started) / 1_000_000);
    } catch (IOException | RuntimeException e) {
      if (stopping.getAsBoolean()) {
        LOG.info("event=export.stopped export={} error=\"{}\"", id, e.toString());
        return;
      }
      LOG.warn("event=export.failed export={} error=\"{}\"", id, e.toString());
      ArchiveSql.inTransaction(dataSource, c -> {
        ExportTables.finish(c, id, ExportProgress.Status.FAILED, clock.instant(), null, null, e.toString());
        return null;
      });
      // A failed export is not continued: its staged copies of mail are not left lying around.
      try {
        deleteTree(directory(exportDir, id).resolve("staging"));
        deleteTree(directory(exportDir, id).resolve("tmp"));
      } catch (IOException cleanup) {
        LOG.warn("event=export.cleanup_failed export={} error=\"{}\"", id, cleanup.toString());
      }
    }
  }

  /** Stages every pending message; false when stopped first. */
  private boolean stage(ExportProgress export, Path dir, BooleanSupplier stopping) throws IOException {
    Path staging = dir.resolve("staging");
    while (true) {
      List<ExportTables.Pending> page = ArchiveSql.inTransaction(dataSource, c -> ExportTables.pending(c, export.id(), PAGE));
      if (page.isEmpty()) {
        return true;
      }
      for (ExportTables.Pending pending : page) {
        if (stopping.getAsBoolean()) {
          return false;
        }
        Optional<ExportTables.Source> source = ArchiveSql.inTransaction(dataSource,
            c -> ExportTables.source(c, pending.archivedId()));
        if (source.isEmpty()) {
          LOG.warn("event=export.message_missing export={} archived_id={}", export.id(), pending.archivedId());
          ArchiveSql.inTransaction(dataSource, c -> {
            ExportTables.missing(c, export.id(), pending.position());
            return null;
          });
          continue;
        }
        byte[] raw = blobs.get(new BlobId(source.get().sha256()));
        AtomicFileWrite.write(dir.resolve("tmp"), staging.resolve(pending.archivedId() + ".eml"), raw);
        ArchiveSql.inTransaction(dataSource, c -> {
          ExportTables.staged(c, export.id(), pending.position(), source.get(), raw.length);
          return null;
        });
      }
    }
  }

  /** Writes manifest, signature, key and the ZIP or mbox; false when stopped first. */
  private boolean pack(ExportProgress export, Path dir, BooleanSupplier stopping) throws IOException {
    long id = export.id();
    Path tmp = dir.resolve("tmp");
    Path csv = tmp.resolve("manifest.csv");
    Path json = tmp.resolve("manifest.json");
    try (Writer csvOut = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        Writer jsonOut = Files.newBufferedWriter(json, StandardCharsets.UTF_8);
        ManifestWriter manifest = new ManifestWriter(csvOut, jsonOut, id, export.caseId(), export.format().name(),
            export.requestedAt(), export.requestedBy(), key.keyId())) {
      forEachRow(id, row -> {
        if (row.entry() == null) {
          manifest.missing(row.archivedId());
        } else {
          manifest.add(row.entry());
        }
        return true;
      });
    }
    byte[] signature = key.sign(Files.readAllBytes(json));
    Files.write(tmp.resolve("manifest.json.sig"), signature);
    Files.writeString(tmp.resolve("signing-key.pem"), key.publicKeyPem(), StandardCharsets.US_ASCII);

    Path part = tmp.resolve("export-" + id + "." + export.format().extension() + ".part");
    MessageDigest fileDigest = sha256();
    boolean complete;
    try (OutputStream file = Files.newOutputStream(part);
        OutputStream out = new BufferedOutputStream(new DigestOutputStream(file, fileDigest), 1 << 16)) {
      complete = export.format() == ExportFormat.ZIP ? writeZip(id, dir, out, stopping) : writeMbox(id, dir, out, stopping);
    }
    if (!complete) {
      Files.deleteIfExists(part);
      return false;
    }
    for (String name : List.of("manifest.csv", "manifest.json", "manifest.json.sig", "signing-key.pem",
        part.getFileName().toString())) {
      force(tmp.resolve(name));
    }
    for (ExportPart each : List.of(ExportPart.MANIFEST_CSV, ExportPart.MANIFEST_JSON, ExportPart.SIGNATURE,
        ExportPart.PUBLIC_KEY)) {
      Path target = file(exportDir, id, export.format(), each);
      Files.move(tmp.resolve(target.getFileName().toString()), target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
    Path target = file(exportDir, id, export.format(), ExportPart.ARCHIVE);
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    AtomicFileWrite.syncDirectory(dir);
    long bytes = Files.size(target);
    String sha = HexFormat.of().formatHex(fileDigest.digest());
    ArchiveSql.inTransaction(dataSource, c -> {
      ExportTables.finish(c, id, ExportProgress.Status.DONE, clock.instant(), bytes, sha, null);
      return null;
    });
    deleteTree(dir.resolve("staging"));
    deleteTree(tmp);
    LOG.info("event=export.packed export={} format={} bytes={} sha256={}", id, export.format(), bytes, sha);
    return true;
  }

  private boolean writeZip(long id, Path dir, OutputStream out, BooleanSupplier stopping) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    boolean complete = forEachRow(id, row -> {
      if (stopping.getAsBoolean()) {
        return false;
      }
      if (row.entry() != null) {
        ZipEntry entry = new ZipEntry(row.entry().file());
        if (row.entry().date() != null) {
          entry.setLastModifiedTime(FileTime.from(row.entry().date()));
        }
        zip.putNextEntry(entry);
        copyChecked(dir, row.entry(), zip);
        zip.closeEntry();
      }
      return true;
    });
    if (complete) {
      for (String name : List.of("manifest.csv", "manifest.json", "manifest.json.sig", "signing-key.pem")) {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(dir.resolve("tmp").resolve(name), zip);
        zip.closeEntry();
      }
    }
    zip.finish();
    return complete;
  }

  private boolean writeMbox(long id, Path dir, OutputStream out, BooleanSupplier stopping) throws IOException {
    MboxWriter mbox = new MboxWriter(out);
    return forEachRow(id, row -> {
      if (stopping.getAsBoolean()) {
        return false;
      }
      if (row.entry() != null) {
        byte[] raw = Files.readAllBytes(staged(dir, row.entry()));
        if (!BlobId.of(raw).hex().equals(row.entry().sha256())) {
          throw new IOException("the staged copy of message " + row.entry().archiveId() + " does not match its SHA-256");
        }
        mbox.write(row.entry().from(), row.entry().date(), raw);
      }
      return true;
    });
  }

  /** Copies a staged message into {@code out}, hashing on the way; a copy that changed on disk fails the export. */
  private static void copyChecked(Path dir, ManifestEntry entry, OutputStream out) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(staged(dir, entry)), digest)) {
      in.transferTo(out);
    }
    if (!HexFormat.of().formatHex(digest.digest()).equals(entry.sha256())) {
      throw new IOException("the staged copy of message " + entry.archiveId() + " does not match its SHA-256");
    }
  }

  private static Path staged(Path dir, ManifestEntry entry) {
    return dir.resolve("staging").resolve(entry.archiveId() + ".eml");
  }

  /** One manifest row at a time, in output order; the visitor returns false to stop. */
  @FunctionalInterface
  private interface RowVisitor {
    boolean visit(ExportTables.ManifestRow row) throws IOException;
  }

  private boolean forEachRow(long id, RowVisitor visitor) throws IOException {
    int after = -1;
    while (true) {
      int from = after;
      List<ExportTables.ManifestRow> rows = ArchiveSql.inTransaction(dataSource, c -> ExportTables.manifestRows(c, id, from, 500));
      if (rows.isEmpty()) {
        return true;
      }
      for (ExportTables.ManifestRow row : rows) {
        if (!visitor.visit(row)) {
          return false;
        }
        after = row.position();
      }
    }
  }

  private static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
