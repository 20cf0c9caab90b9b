package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.archive.holds.Hold;
import eu.sovereignmail.archive.holds.HoldKind;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code archive hold}: a case's legal holds, read from the command line (what purges will never touch). Holds are
 * placed and released in the legal UI or the API, by people who sign in.
 */
@Command(
    name = "hold",
    mixinStandardHelpOptions = true,
    description = {"Lists a case's legal holds, active and released (read-only).",
      "Holds are placed and released in the legal UI or the API."})
final class ArchiveHoldCommand {
  @Spec CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The holds of one case, oldest first: what each covers, who placed or released it.")
  int list(@Parameters(paramLabel = "CASE_ID", description = "The case id (see 'archive case list').") long caseId) {
    return ArchiveRun.with(spec, (archive, out) -> {
      List<Hold> holds = archive.holds().list(LegalOperator.actor(), caseId);
      if (holds.isEmpty()) {
        out.println("Case " + caseId + " has no holds.");
      } else {
        table(holds).print(out);
      }
      return ArchiveCommand.OK;
    });
  }

  /** Holds as a table: id, kind, what it covers, placed, and whether it is still active. */
  static TextTable table(List<Hold> holds) {
    TextTable table = new TextTable("ID", "KIND", "COVERS", "PLACED", "BY", "STATUS");
    for (Hold hold : holds) {
      table.row(Long.toString(hold.id()), hold.kind().name(), TextTable.shorten(covers(hold), 70),
          TextTable.when(hold.placedAt()), hold.placedBy(),
          hold.active() ? "ACTIVE" : "released " + TextTable.when(hold.releasedAt()) + " by " + hold.releasedBy()
              + ": " + TextTable.shorten(hold.releaseReason(), 60));
    }
    return table;
  }

  /** What a hold covers, in words: the custodian and days, or the query. */
  static String covers(Hold hold) {
    if (hold.kind() == HoldKind.QUERY) {
      return hold.query();
    }
    String days = hold.from() == null && hold.to() == null ? ""
        : " (" + (hold.from() == null ? "..." : hold.from()) + " to " + (hold.to() == null ? "..." : hold.to()) + ")";
    return hold.address() + days;
  }
}
