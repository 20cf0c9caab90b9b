package eu.sovereignmail.gateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import eu.sovereignmail.archive.ArchiveStats;
import eu.sovereignmail.archive.journal.Checkpoint;
import eu.sovereignmail.archive.journal.CheckpointKey;
import eu.sovereignmail.archive.journal.VerifyReport;
import eu.sovereignmail.archive.audit.AuditVerifyReport;
import eu.sovereignmail.archive.search.ArchiveSearch;
import eu.sovereignmail.archive.search.IndexStatus;
import eu.sovereignmail.archive.search.MessageDetail;
import eu.sovereignmail.archive.search.QuerySyntaxException;
import eu.sovereignmail.archive.search.SearchHit;
import eu.sovereignmail.archive.search.SearchResult;
import eu.sovereignmail.archive.search.SearchSort;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code archive}: the operator's and auditor's tools on the journal archive: search and read it, prove it unaltered,
 * and count it. Searches and views are audited under the name of the system user running the command.
 */
@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    subcommands = {ArchiveAuditCommand.class, ArchiveCaseCommand.class, ArchiveHoldCommand.class,
      ArchiveRetentionCommand.class, ArchiveExportCommand.class},
    description = {
      "Searches, shows, checks and counts the journal archive, opened directly (database, blobs, key files, index) as",
      "the gateway opens it; audit, case, hold, retention and export are the legal team's tools, run as the local",
      "operator (cli:<system user>, roles legal and legal-admin, origin cli) and recorded in the audit log.",
      "Exit codes: 0 ok, 1 verify found a problem (search/show: nothing found),",
      "2 usage error, malformed query or the archive cannot be opened."
    })
final class ArchiveCommand {
  static final int OK = 0;
  static final int PROBLEMS = 1;
  static final int CANNOT = 2;
  /** JSON output of every {@code archive} subcommand: ISO-8601 instants, indented by the caller. */
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Mixin ArchiveLocationOptions location;

  /** Where the {@code archive} command above {@code spec} (a subcommand at any depth) opens the archive. */
  static ArchiveLocationOptions locationOf(CommandSpec spec) {
    for (CommandSpec at = spec; at != null; at = at.parent()) {
      if (at.userObject() instanceof ArchiveCommand archive) {
        return archive.location;
      }
    }
    throw new IllegalStateException(spec.qualifiedName() + " is not below the archive command");
  }

  @Command(name = "verify", description = {
      "Recomputes the hash chain of journal entries, reads back every blob and checks its hash, and checks every",
      "signed checkpoint (signature by a trusted key, and the chain still passing through it); then walks the",
      "audit log's hash chain (as 'archive audit verify'). Reports the first chain break, every bad blob, every bad",
      "checkpoint, the blobs deleted by approved purges (tombstoned, not missing) and the first audit chain break."})
  int verify(
      @Option(names = "--trusted-key", paramLabel = "PEM",
          description = "Also trust checkpoints signed by this public key (e.g. a retired checkpoint key); repeatable.")
      List<Path> trustedKeys) {
    PrintWriter out = spec.commandLine().getOut();
    List<CheckpointKey> trusted = new ArrayList<>();
    try {
      for (Path file : trustedKeys == null ? List.<Path>of() : trustedKeys) {
        trusted.add(CheckpointKey.fromPublicKeyPem(Files.readString(file, StandardCharsets.US_ASCII)));
      }
    } catch (IOException | IllegalArgumentException e) {
      return cannot("verify", "--trusted-key: " + e.getMessage());
    }
    try (var opened = location.open()) {
      VerifyReport report = opened.archive().verify(trusted);
      print(report, out);
      AuditVerifyReport audit = opened.archive().audit().verify();
      ArchiveAuditCommand.print(audit, out);
      boolean clean = report.clean() && audit.clean();
      out.println(clean ? "Result: CLEAN" : "Result: PROBLEMS FOUND");
      out.flush();
      return clean ? OK : PROBLEMS;
    } catch (Exception e) {
      return cannot("verify", e.getMessage());
    }
  }

  @Command(name = "search", description = {
      "Runs a query of the archive's language, e.g.: from:alice to:bob subject:\"budget\" after:2025-01-01 has:attachment",
      "  \"exact phrase\" -draft (fields: from to cc bcc participant subject body attachment filename has after before on",
      "  size> size< direction messageid; OR, parentheses, -term). Prints one line per message with its archive id."})
  int search(
      @Parameters(paramLabel = "QUERY", arity = "1..*", description = "The query (several words are joined).") List<String> words,
      @Option(names = "--sort", defaultValue = "DATE", description = "DATE (newest first) or RELEVANCE.") SearchSort sort,
      @Option(names = "--page", defaultValue = "1", description = "Page number, from 1.") int page,
      @Option(names = "--size", defaultValue = "20", description = "Results per page (1 to 200).") int size,
      @Option(names = "--json", description = "Print the result page as JSON.") boolean json) {
    PrintWriter out = spec.commandLine().getOut();
    String query = String.join(" ", words);
    try (var opened = location.open()) {
      ArchiveSearch search = opened.archive().search();
      SearchResult result = search.search(LegalOperator.actor(), query, sort, page, size);
      if (json) {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      } else {
        out.printf("%,d%s messages match (page %d, %d per page, by %s)%n", result.total(), result.totalExact() ? "" : "+",
            result.page(), result.pageSize(),
            result.sort().name().toLowerCase(Locale.ROOT));
        for (SearchHit hit : result.hits()) {
          out.printf("%8d  %-20s  %-30s  %s%n", hit.id(), hit.date() == null ? "" : DATE.format(hit.date()),
              clip(hit.from() == null ? "" : hit.from().toString(), 30), clip(hit.subject() == null ? "" : hit.subject(), 80));
        }
      }
      warnIfBehind(search);
      out.flush();
      return result.total() == 0 ? PROBLEMS : OK;
    } catch (QuerySyntaxException e) {
      spec.commandLine().getErr().println("sovereign-mail archive search: " + e.getMessage());
      spec.commandLine().getErr().println("  " + query);
      spec.commandLine().getErr().println("  " + e.pointer(query));
      return CANNOT;
    } catch (Exception e) {
      return cannot("search", e.getMessage());
    }
  }

  @Command(name = "show", description = "Headers, envelope, parts and body text of one archived message (by its archive id).")
  int show(
      @Parameters(paramLabel = "ID", description = "The archive id that search printed.") long id,
      @Option(names = "--raw", description = "Print the original message bytes instead (RFC 5322, as journaled).") boolean raw) {
    PrintWriter out = spec.commandLine().getOut();
    try (var opened = location.open()) {
      ArchiveSearch search = opened.archive().search();
      if (raw) {
        Optional<byte[]> bytes = search.raw(LegalOperator.actor(), id);
        if (bytes.isEmpty()) {
          return notFound(id);
        }
        out.flush();
        System.out.write(bytes.get());
        System.out.flush();
        return OK;
      }
      Optional<MessageDetail> detail = search.show(LegalOperator.actor(), id);
      if (detail.isEmpty()) {
        return notFound(id);
      }
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(detail.get()));
      out.flush();
      return OK;
    } catch (Exception e) {
      return cannot("show", e.getMessage());
    }
  }

  @Command(name = "status", description = "How far indexing has followed the journal (entries not yet searchable).")
  int status() {
    PrintWriter out = spec.commandLine().getOut();
    try (var opened = location.open()) {
      IndexStatus status = opened.archive().search().status();
      out.printf("Journal head          %,d%n", status.journalHead());
      out.printf("Indexed through       %,d%n", status.indexedThrough());
      out.printf("Lag (entries)         %,d%n", status.lag());
      out.printf("Archived messages     %,d%n", status.archivedMessages());
      if (status.oldestWaiting() != null) {
        out.printf("Oldest waiting since  %s%n", status.oldestWaiting());
      }
      out.flush();
      return OK;
    } catch (Exception e) {
      return cannot("status", e.getMessage());
    }
  }

  private void warnIfBehind(ArchiveSearch search) {
    long lag = search.status().lag();
    if (lag > 0) {
      spec.commandLine().getErr().printf("note: %,d journal entries are not indexed yet (the gateway's indexer follows"
          + " the journal; see 'archive status')%n", lag);
    }
  }

  private int notFound(long id) {
    spec.commandLine().getErr().println("sovereign-mail archive show: no archived message with id " + id);
    return PROBLEMS;
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  @Command(name = "stats", description = "Messages, journal entries, blobs, raw and stored bytes, the stored/raw ratio.")
  int stats() {
    PrintWriter out = spec.commandLine().getOut();
    try (var opened = location.open()) {
      ArchiveStats stats = opened.archive().stats();
      out.printf("Messages (distinct)   %,d%n", stats.messages());
      out.printf("Journal entries       %,d%n", stats.entries());
      out.printf("Blobs                 %,d%n", stats.blobs());
      out.printf("Raw bytes             %,d  (distinct messages)%n", stats.rawBytes());
      out.printf("Journaled bytes       %,d  (every entry; dedup saves the difference)%n", stats.journaledBytes());
      out.printf("Stored bytes          %,d  (compressed, encrypted)%n", stats.storedBytes());
      out.printf("Stored / raw          %.3f%n", stats.storedToRawRatio());
      out.printf("Checkpoints           %,d  (newest at entry %d)%n", stats.checkpoints(), stats.lastCheckpointSeq());
      out.flush();
      return OK;
    } catch (Exception e) {
      return cannot("stats", e.getMessage());
    }
  }

  @Command(name = "checkpoint", description = "Signs a checkpoint of the chain head now and prints it (keep it outside the database).")
  int checkpoint() {
    PrintWriter out = spec.commandLine().getOut();
    try (var opened = location.open()) {
      Optional<Checkpoint> checkpoint = opened.archive().checkpoints().checkpointNow();
      out.println(checkpoint.map(Checkpoint::toLine).orElse("The journal is empty: nothing to checkpoint."));
      out.flush();
      return OK;
    } catch (Exception e) {
      return cannot("checkpoint", e.getMessage());
    }
  }

  @Command(name = "public-key", description = "Prints the checkpoint signing key's public half (PEM) for auditors.")
  int publicKey() {
    PrintWriter out = spec.commandLine().getOut();
    try (var opened = location.open()) {
      CheckpointKey key = opened.archive().checkpoints().key();
      out.print(key.publicKeyPem());
      out.flush();
      spec.commandLine().getErr().println("key id " + key.keyId());
      return OK;
    } catch (Exception e) {
      return cannot("public-key", e.getMessage());
    }
  }

  private static void print(VerifyReport report, PrintWriter out) {
    out.printf("Checked %,d journal entries, %,d blobs, %,d checkpoints.%n",
        report.entriesChecked(), report.blobsChecked(), report.checkpointsChecked());
    report.firstChainBreak().ifPresentOrElse(
        chainBreak -> out.printf("CHAIN BROKEN at entry %d%s: %s%n", chainBreak.sequence(),
            chainBreak.spoolRecordId() == null ? "" : " (spool record " + chainBreak.spoolRecordId() + ")",
            chainBreak.reason()),
        () -> out.println("Chain: intact."));
    if (report.blobProblems().isEmpty()) {
      out.println("Blobs: every one present and matching its hash.");
    }
    for (VerifyReport.BlobProblem problem : report.blobProblems()) {
      out.printf("BLOB %s %s: %s%n", problem.kind(), problem.id(), problem.detail());
    }
    if (report.checkpointProblems().isEmpty()) {
      out.println("Checkpoints: every one validly signed by a trusted key, on the chain.");
    }
    for (VerifyReport.CheckpointProblem problem : report.checkpointProblems()) {
      out.printf("CHECKPOINT %s at entry %d (key %s): %s%n", problem.kind(), problem.sequence(), problem.keyId(),
          problem.detail());
    }
    out.printf("Purged blobs: %,d (deleted by approved purges; their tombstones keep hash, dates and approver).%n",
        report.blobsPurged());
  }

  private int cannot(String what, String message) {
    spec.commandLine().getErr().println("sovereign-mail archive " + what + ": " + message);
    return CANNOT;
  }
}
