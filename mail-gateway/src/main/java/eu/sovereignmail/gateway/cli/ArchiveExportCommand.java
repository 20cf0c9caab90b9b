package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.export.ExportFormat;
import eu.sovereignmail.archive.export.ExportPart;
import eu.sovereignmail.archive.export.ExportProgress;
import eu.sovereignmail.archive.search.Actor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code archive export}: a case export from the command line (for large matters, scripts, or when nobody should
 * have to keep a browser open): started in the archive, followed on stderr, and copied to a file when done.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    subcommands = ArchiveExportVerifyCommand.class,
    description = {
      "Exports the messages of a case (what its queries find, or an explicit list of archive ids) as a ZIP of EML",
      "files with a signed manifest, or as an mbox; shows progress on stderr and copies the finished file to FILE.",
      "For mbox, the manifest files are written beside it (FILE.manifest.csv, FILE.manifest.json,",
      "FILE.manifest.json.sig, FILE.signing-key.pem). Recorded as export.start and export.download.",
      "Interrupted, the export stays in the archive and the gateway continues it at its next start.",
      "Check a ZIP with 'archive export verify FILE.zip'."
    })
final class ArchiveExportCommand implements Callable<Integer> {
  private static final long POLL_MILLIS = 250;
  /** Where the parts of an mbox export go, as suffixes of FILE. */
  private static final Map<ExportPart, String> MBOX_PARTS = Map.of(ExportPart.MANIFEST_CSV, ".manifest.csv",
      ExportPart.MANIFEST_JSON, ".manifest.json", ExportPart.SIGNATURE, ".manifest.json.sig",
      ExportPart.PUBLIC_KEY, ".signing-key.pem");

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CASE_ID", arity = "0..1", description = "The case the export is for.")
  Long caseId;

  @Option(names = "--format", paramLabel = "zip|mbox", defaultValue = "zip", converter = FormatConverter.class,
      description = "zip (default) or mbox.")
  ExportFormat format;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to copy the finished export (must not exist yet).")
  Path file;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Selection selection;

  /** Either queries or ids. */
  static final class Selection {
    @Option(names = "--query", paramLabel = "QUERY", required = true,
        description = "A query of the archive's language (repeatable: the union is exported), e.g. --query 'from:alice'.")
    List<String> queries;

    @Option(names = "--ids", paramLabel = "ID,ID...", split = ",", required = true,
        description = "Archive ids to export, comma-separated (as 'archive search' prints them).")
    List<Long> ids;
  }

  @Override
  public Integer call() {
    String usage = usageProblem();
    if (usage != null) {
      return ArchiveRun.fail(spec, usage, ArchiveCommand.CANNOT);
    }
    return ArchiveRun.with(spec, (archive, out) -> {
      Actor operator = LegalOperator.actor();
      long id = selection.queries != null
          ? archive.exports().start(operator, caseId, selection.queries, format)
          : archive.exports().startIds(operator, caseId, selection.ids, format);
      ExportProgress done = follow(archive, operator, id);
      if (done.status() != ExportProgress.Status.DONE) {
        return ArchiveRun.fail(spec, "export " + id + " failed: " + done.error().orElse("(no reason given)"),
            ArchiveCommand.PROBLEMS);
      }
      Files.copy(archive.exports().open(operator, id), file);
      if (format == ExportFormat.MBOX) {
        for (Map.Entry<ExportPart, String> part : MBOX_PARTS.entrySet()) {
          Files.copy(archive.exports().open(operator, id, part.getKey()), sibling(part.getValue()));
        }
      }
      out.printf("Export %d of case %d: %,d messages (%,d missing: purged meanwhile), %,d bytes, SHA-256 %s%n",
          id, caseId, done.total() - done.missing(), done.missing(), done.bytes().orElse(0L), done.sha256().orElse("-"));
      out.println("Written to " + file + (format == ExportFormat.MBOX ? " (manifest files beside it)" : ""));
      return ArchiveCommand.OK;
    });
  }

  /** What is wrong with the arguments, or null (picocli cannot require them: 'export verify' shares this command). */
  String usageProblem() {
    if (caseId == null) {
      return "which case? give CASE_ID (see 'archive case list')";
    }
    if (file == null) {
      return "--out FILE is required";
    }
    if (selection == null) {
      return "give --query QUERY (repeatable) or --ids ID,ID...";
    }
    if (Files.exists(file) || (format == ExportFormat.MBOX
        && MBOX_PARTS.values().stream().anyMatch(suffix -> Files.exists(sibling(suffix))))) {
      return file + " (or a manifest file beside it) exists already; choose a new file name";
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      return "no directory " + parent;
    }
    return null;
  }

  private Path sibling(String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  /** Waits for export {@code id} to end, printing its progress on stderr whenever it moves. */
  private ExportProgress follow(Archive archive, Actor operator, long id) throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    int shown = -1;
    while (true) {
      ExportProgress progress = archive.exports().progress(operator, id);
      if (progress.done() != shown || progress.status() != ExportProgress.Status.RUNNING) {
        err.printf("export %d: %s %d%% (%,d of %,d messages)%n", id,
            progress.status().name().toLowerCase(Locale.ROOT), progress.percent(), progress.done(), progress.total());
        err.flush();
        shown = progress.done();
      }
      if (progress.status() != ExportProgress.Status.RUNNING) {
        return progress;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** A case's exports as a table (for 'archive case show'). */
  static TextTable table(List<ExportProgress> exports) {
    TextTable table = new TextTable("ID", "FORMAT", "STATUS", "PROGRESS", "MISSING", "REQUESTED", "BY", "BYTES", "SHA-256");
    for (ExportProgress export : exports) {
      table.row(Long.toString(export.id()), export.format().extension(), export.status().name(),
          export.done() + "/" + export.total() + " (" + export.percent() + "%)", Integer.toString(export.missing()),
          TextTable.when(export.requestedAt()), export.requestedBy(),
          export.bytes().map(bytes -> String.format("%,d", bytes)).orElse("-"),
          export.sha256().map(hash -> hash.substring(0, Math.min(16, hash.length())) + "...").orElse("-"));
    }
    return table;
  }

  /** {@code --format zip|mbox}. */
  static final class FormatConverter extends CaseInsensitiveEnum<ExportFormat> {
    FormatConverter() {
      super(ExportFormat.class);
    }
  }
}
