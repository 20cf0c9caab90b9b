package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.archive.retention.DueSummary;
import eu.sovereignmail.archive.retention.PurgeProposal;
import eu.sovereignmail.archive.retention.RetentionPolicy;
import eu.sovereignmail.archive.search.Actor;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code archive retention}: retention policies, what is due and the purge proposals, read from the command line.
 * Deliberately read-only: a purge needs two different legal-admins, and the command line would act as one local
 * operator for both, so proposing and approving happen in the legal UI or the API.
 */
@Command(
    name = "retention",
    mixinStandardHelpOptions = true,
    description = {"Retention policies, the due summary of the daily job and the purge proposals (read-only)."})
final class ArchiveRetentionCommand {
  @Spec CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true, description = {
      "Prints the retention policies, what the daily job last found due under each, and every purge proposal.",
      "There is no purge or approve command here, on purpose: a purge runs only when a second legal-admin, not the",
      "proposer, approves it (four eyes), and that takes two real people signed in with their own accounts.",
      "Propose, approve and reject purges in the legal UI (/archive/) or the API (/api/archive/...)."})
  int list() {
    return ArchiveRun.with(spec, (archive, out) -> {
      Actor operator = LegalOperator.actor();
      print(archive.retention().policies(operator), archive.retention().due(operator),
          archive.retention().proposals(operator), out);
      return ArchiveCommand.OK;
    });
  }

  /** Policies with their due counts, then the proposals, newest first. */
  static void print(List<RetentionPolicy> policies, List<DueSummary> due, List<PurgeProposal> proposals, PrintWriter out) {
    out.println("Retention policies");
    if (policies.isEmpty()) {
      out.println("  none: every message is kept.");
    } else {
      Map<Long, DueSummary> dueByPolicy = due.stream()
          .collect(Collectors.toMap(DueSummary::policyId, Function.identity(), (a, b) -> b));
      TextTable table = new TextTable("ID", "SCOPE", "TARGET", "KEEP", "SET", "BY", "DUE", "DUE COMPUTED");
      for (RetentionPolicy policy : policies) {
        DueSummary summary = dueByPolicy.get(policy.id());
        table.row(Long.toString(policy.id()), policy.scope().name(), policy.target(), policy.keep().toString(),
            TextTable.when(policy.createdAt()), policy.createdBy(),
            summary == null ? "-" : String.format("%,d", summary.due()),
            summary == null ? "not yet" : TextTable.when(summary.computedAt()));
      }
      table.print(out, "  ");
    }
    out.println();
    out.println("Purge proposals");
    if (proposals.isEmpty()) {
      out.println("  none");
    } else {
      TextTable table = new TextTable("ID", "STATUS", "MESSAGES", "PROPOSED", "BY", "DECIDED BY", "PURGED", "HELD", "REASON");
      for (PurgeProposal proposal : proposals) {
        table.row(Long.toString(proposal.id()), proposal.status().name(), Integer.toString(proposal.messages()),
            TextTable.when(proposal.proposedAt()), proposal.proposedBy(), proposal.decidedBy().orElse("-"),
            Integer.toString(proposal.purged()), Integer.toString(proposal.skippedHeld()),
            TextTable.shorten(proposal.reason(), 60));
      }
      table.print(out, "  ");
    }
    out.println();
    out.println("Proposing, approving (by a second legal-admin) and rejecting purges: legal UI or API.");
  }
}
