package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.archive.cases.CaseNote;
import eu.sovereignmail.archive.cases.LegalCase;
import eu.sovereignmail.archive.cases.SavedSearch;
import eu.sovereignmail.archive.export.ExportProgress;
import eu.sovereignmail.archive.holds.Hold;
import eu.sovereignmail.archive.search.Actor;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code archive case}: the legal team's cases read from the command line, so an operator or auditor can see what a
 * matter holds (members, custodians, holds, saved searches, notes, exports) without the web UI. Changes to cases
 * are made in the UI or the API, where the people doing them sign in.
 */
@Command(
    name = "case",
    mixinStandardHelpOptions = true,
    description = {"Lists cases and shows one with everything that hangs off it (read-only; reading is audited).",
      "Cases, members, custodians, searches and notes are changed in the legal UI or the API."})
final class ArchiveCaseCommand {
  @Spec CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every case, newest first.")
  int list() {
    return ArchiveRun.with(spec, (archive, out) -> {
      List<LegalCase> cases = archive.cases().list(LegalOperator.actor());
      if (cases.isEmpty()) {
        out.println("No cases yet.");
        return ArchiveCommand.OK;
      }
      TextTable table = new TextTable("ID", "STATUS", "NAME", "CREATED", "BY", "MEMBERS", "CUSTODIANS");
      for (LegalCase legalCase : cases) {
        table.row(Long.toString(legalCase.id()), legalCase.status().name(), TextTable.shorten(legalCase.name(), 60),
            TextTable.when(legalCase.createdAt()), legalCase.createdBy(), Integer.toString(legalCase.members().size()),
            Integer.toString(legalCase.custodians().size()));
      }
      table.print(out);
      return ArchiveCommand.OK;
    });
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One case: members, custodians, holds, saved searches, notes and exports.")
  int show(@Parameters(paramLabel = "CASE_ID", description = "The case id (see 'archive case list').") long caseId) {
    return ArchiveRun.with(spec, (archive, out) -> {
      Actor operator = LegalOperator.actor();
      LegalCase legalCase = archive.cases().get(operator, caseId);
      print(legalCase, archive.holds().list(operator, caseId), archive.exports().list(operator, caseId), out);
      return ArchiveCommand.OK;
    });
  }

  /** The case page of the command line. */
  static void print(LegalCase legalCase, List<Hold> holds, List<ExportProgress> exports, PrintWriter out) {
    out.printf("Case %d: %s%n", legalCase.id(), legalCase.name());
    out.printf("Status       %s%n", legalCase.status());
    out.printf("Created      %s by %s%n", TextTable.when(legalCase.createdAt()), legalCase.createdBy());
    if (!legalCase.description().isBlank()) {
      out.printf("Description  %s%n", legalCase.description().strip().replace("\n", "\n             "));
    }
    out.printf("Members      %s%n", legalCase.members().isEmpty() ? "-" : String.join(", ", legalCase.members()));
    out.printf("Custodians   %s%n", legalCase.custodians().isEmpty() ? "-" : String.join(", ", legalCase.custodians()));
    out.println();
    out.println("Holds");
    if (holds.isEmpty()) {
      out.println("  none");
    } else {
      ArchiveHoldCommand.table(holds).print(out, "  ");
    }
    out.println();
    out.println("Saved searches");
    if (legalCase.savedSearches().isEmpty()) {
      out.println("  none");
    }
    for (SavedSearch search : legalCase.savedSearches()) {
      out.printf("  %d  %s: %s  (%s, %s)%n", search.id(), search.name(), search.query(), search.createdBy(),
          TextTable.when(search.createdAt()));
    }
    out.println();
    out.println("Notes");
    if (legalCase.notes().isEmpty()) {
      out.println("  none");
    }
    for (CaseNote note : legalCase.notes()) {
      out.printf("  %s  %s: %s%n", TextTable.when(note.at()), note.author(), note.text().strip().replace("\n", "\n    "));
    }
    out.println();
    out.println("Exports");
    if (exports.isEmpty()) {
      out.println("  none");
    } else {
      ArchiveExportCommand.table(exports).print(out, "  ");
    }
  }
}
