package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.archive.audit.AuditEntry;
import eu.sovereignmail.archive.audit.AuditFormat;
import eu.sovereignmail.archive.audit.AuditPage;
import eu.sovereignmail.archive.audit.AuditQuery;
import eu.sovereignmail.archive.audit.AuditVerifyReport;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code archive audit}: the legal audit log from the command line, for the auditor who reviews who searched,
 * viewed, exported or changed what, and checks that nobody rewrote that record (its hash chain).
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Lists, verifies and exports the archive's audit log: every search, view, download, export and every change",
      "to cases, holds, retention and purges, with who, when and from where; append-only and hash-chained.",
      "Listing and exporting are recorded in the audit log themselves (audit.view, audit.export)."
    })
final class ArchiveAuditCommand {
  /** Most entries {@code list} shows. */
  static final int MAX_LIMIT = AuditQuery.MAX_PAGE_SIZE;

  @Spec CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest audit entries first, filtered; one line each (or JSON).")
  int list(
      @Mixin AuditFilterOptions filter,
      @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
          description = "At most N entries (1 to " + MAX_LIMIT + ", default ${DEFAULT-VALUE}).") int limit,
      @Option(names = "--json", description = "Print the page (total, entries with their hashes) as JSON.") boolean json) {
    if (limit < 1 || limit > MAX_LIMIT) {
      return ArchiveRun.fail(spec, "--limit must be 1 to " + MAX_LIMIT + ", was " + limit, ArchiveCommand.CANNOT);
    }
    return ArchiveRun.with(spec, (archive, out) -> {
      AuditPage page = archive.audit().list(LegalOperator.actor(), filter.query(limit));
      if (json) {
        out.println(ArchiveCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(page));
      } else {
        printTable(page, out);
      }
      return ArchiveCommand.OK;
    });
  }

  /** The page as a table, newest first, and how many more entries match. */
  static void printTable(AuditPage page, PrintWriter out) {
    if (page.entries().isEmpty()) {
      out.println("No audit entries match.");
      return;
    }
    TextTable table = new TextTable("SEQ", "AT", "ACTOR", "ORIGIN", "ACTION", "TARGET", "DETAIL");
    for (AuditEntry entry : page.entries()) {
      table.row(Long.toString(entry.seq()), TextTable.when(entry.at()), entry.actor(), entry.origin(), entry.action(),
          entry.target().isEmpty() ? "-" : entry.target(),
          entry.detail().isEmpty() ? "-" : TextTable.shorten(entry.detail().replaceAll("\\s+", " "), 100));
    }
    table.print(out);
    out.printf("%,d of %,d matching entries shown (newest first).%n", page.entries().size(), page.total());
  }

  @Command(name = "verify", mixinStandardHelpOptions = true, description = {
      "Walks the audit log's hash chain: every entry re-hashed, every link and sequence number checked, the head",
      "compared with the last entry. Exit 1, naming the first break, when it does not hold."})
  int verify() {
    return ArchiveRun.with(spec, (archive, out) -> {
      AuditVerifyReport report = archive.audit().verify();
      print(report, out);
      return report.clean() ? ArchiveCommand.OK : ArchiveCommand.PROBLEMS;
    });
  }

  /** One line per audit chain result, as {@code archive verify} and {@code archive audit verify} print it. */
  static void print(AuditVerifyReport report, PrintWriter out) {
    out.printf("Checked %,d audit entries.%n", report.entriesChecked());
    report.firstBreak().ifPresentOrElse(
        broken -> out.printf("AUDIT CHAIN BROKEN at entry %d (%s): %s%n", broken.seq(), broken.kind(), broken.reason()),
        () -> out.println("Audit chain: intact."));
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = {
      "Writes every matching audit entry, oldest first, as CSV (RFC 4180, for review) or JSON (values exactly as",
      "hashed, for re-verification) to FILE or standard output. The export records itself (audit.export) first."})
  int export(
      @Mixin AuditFilterOptions filter,
      @Option(names = "--format", required = true, paramLabel = "csv|json", converter = AuditFormatConverter.class,
          description = "csv or json.") AuditFormat format,
      @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (must not exist yet); default: stdout.")
      Path file) {
    if (file != null && Files.exists(file)) {
      return ArchiveRun.fail(spec, file + " exists already; choose a new file name", ArchiveCommand.CANNOT);
    }
    return ArchiveRun.with(spec, (archive, out) -> {
      AuditQuery query = filter.query(1);
      long written;
      if (file == null) {
        out.flush();
        OutputStream stdout = new BufferedOutputStream(System.out);
        written = archive.audit().export(LegalOperator.actor(), query, format, stdout);
        stdout.flush();
      } else {
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW))) {
          written = archive.audit().export(LegalOperator.actor(), query, format, stream);
        }
      }
      spec.commandLine().getErr().printf("%,d audit entries exported as %s%s%n", written,
          format.name().toLowerCase(Locale.ROOT), file == null ? "" : " to " + file);
      return ArchiveCommand.OK;
    });
  }

  /** {@code --format csv|json}. */
  static final class AuditFormatConverter extends CaseInsensitiveEnum<AuditFormat> {
    AuditFormatConverter() {
      super(AuditFormat.class);
    }
  }
}
