package eu.sovereignmail.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.archive.audit.AuditEntry;
import eu.sovereignmail.archive.audit.AuditPage;
import eu.sovereignmail.archive.audit.AuditVerifyReport;
import eu.sovereignmail.archive.holds.Hold;
import eu.sovereignmail.archive.holds.HoldKind;
import eu.sovereignmail.archive.retention.DueSummary;
import eu.sovereignmail.archive.retention.PurgeProposal;
import eu.sovereignmail.archive.retention.RetentionPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Argument handling and output of the legal {@code archive} subcommands, without an archive behind them. */
class ArchiveLegalCommandsTest {
  private static final Instant AT = Instant.parse("2026-05-12T08:30:15.123456Z");
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SovereignMail());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void retentionListSaysWhyThereIsNoPurgeCommand() {
    Run help = run("archive", "retention", "list", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("four eyes", "two real people", "legal UI", "API");
    assertThat(run("archive", "retention", "--help").out()).doesNotContain("approve ");
  }

  @Test
  void theLegalSubcommandsAreThere() {
    Run help = run("archive", "--help");
    assertThat(help.out()).contains("audit", "case", "hold", "retention", "export", "cli:<system user>");
    assertThat(run("archive", "audit", "--help").out()).contains("list", "verify", "export");
    assertThat(run("archive", "export", "--help").out()).contains("--query", "--ids", "--format", "--out", "verify");
  }

  @Test
  void theLocationOptionsOfArchiveReachTheLegalSubcommands() {
    Path nowhere = dir.resolve("nowhere.yml");
    for (String[] command : List.of(new String[] {"audit", "verify"}, new String[] {"case", "list"},
        new String[] {"hold", "list", "3"}, new String[] {"retention", "list"}, new String[] {"audit", "list"})) {
      String[] args = new String[command.length + 3];
      args[0] = "archive";
      System.arraycopy(command, 0, args, 1, command.length);
      args[command.length + 1] = "--config";
      args[command.length + 2] = nowhere.toString();
      Run run = run(args);
      assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(ArchiveCommand.CANNOT);
      assertThat(run.err()).startsWith("sovereign-mail archive " + String.join(" ", List.of(command).subList(0, 2)) + ": ")
          .contains("nowhere.yml");
    }
  }

  @Test
  void exportArgumentsAreCheckedBeforeTheArchiveIsOpened() throws Exception {
    Path out = dir.resolve("case.zip");
    assertThat(run("archive", "export", "3", "--out", out.toString()))
        .satisfies(r -> assertThat(r.exit()).isEqualTo(ArchiveCommand.CANNOT))
        .satisfies(r -> assertThat(r.err()).contains("--query", "--ids"));
    assertThat(run("archive", "export", "--out", out.toString(), "--ids", "1,2")).satisfies(r -> {
      assertThat(r.exit()).isEqualTo(ArchiveCommand.CANNOT);
      assertThat(r.err()).contains("CASE_ID");
    });
    assertThat(run("archive", "export", "3", "--ids", "1,2").err()).contains("--out FILE is required");
    Run both = run("archive", "export", "3", "--out", out.toString(), "--ids", "1", "--query", "from:a");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
    Run format = run("archive", "export", "3", "--out", out.toString(), "--ids", "1", "--format", "tar");
    assertThat(format.exit()).isEqualTo(2);
    assertThat(format.err()).contains("expected zip or mbox, not 'tar'");
    Files.writeString(out, "already here");
    assertThat(run("archive", "export", "3", "--out", out.toString(), "--ids", "1").err()).contains("exists already");
    assertThat(Files.readString(out)).isEqualTo("already here");
  }

  @Test
  void exportFormatAndIdsParse() {
    ArchiveExportCommand export = new ArchiveExportCommand();
    new CommandLine(export).parseArgs("7", "--format", "MBOX", "--out", dir.resolve("x.mbox").toString(),
        "--ids", "3,1,2");
    assertThat(export.caseId).isEqualTo(7);
    assertThat(export.format.extension()).isEqualTo("mbox");
    assertThat(export.selection.ids).containsExactly(3L, 1L, 2L);
    assertThat(export.usageProblem()).isNull();

    ArchiveExportCommand byQuery = new ArchiveExportCommand();
    new CommandLine(byQuery).parseArgs("7", "--out", dir.resolve("x.zip").toString(), "--query", "from:alice",
        "--query", "subject:\"q 3\"");
    assertThat(byQuery.format.extension()).isEqualTo("zip");
    assertThat(byQuery.selection.queries).containsExactly("from:alice", "subject:\"q 3\"");
  }

  @Test
  void auditOptionsAreChecked() {
    assertThat(run("archive", "audit", "list", "--limit", "0")).satisfies(r -> {
      assertThat(r.exit()).isEqualTo(ArchiveCommand.CANNOT);
      assertThat(r.err()).contains("--limit must be 1 to 500");
    });
    assertThat(run("archive", "audit", "export", "--format", "xml").err()).contains("expected csv or json, not 'xml'");
    assertThat(run("archive", "audit", "export").err()).contains("--format");
  }

  @Test
  void auditDatesAreDaysOrInstants() {
    assertThat(AuditFilterOptions.instant("--since", "2026-05-01", false)).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    assertThat(AuditFilterOptions.instant("--until", "2026-05-01", true)).isEqualTo(Instant.parse("2026-05-02T00:00:00Z"));
    assertThat(AuditFilterOptions.instant("--since", "2026-05-01T08:00:00Z", false))
        .isEqualTo(Instant.parse("2026-05-01T08:00:00Z"));
    assertThat(AuditFilterOptions.instant("--since", " ", false)).isNull();
    assertThatThrownBy(() -> AuditFilterOptions.instant("--since", "yesterday", false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--since").hasMessageContaining("yesterday");

    AuditFilterOptions filter = new AuditFilterOptions();
    filter.action = "purge.";
    filter.since = "2026-05-02";
    filter.until = "2026-05-01";
    assertThatThrownBy(() -> filter.query(10)).isInstanceOf(IllegalArgumentException.class);
    filter.until = "2026-05-02";
    assertThat(filter.query(10)).satisfies(q -> {
      assertThat(q.action()).isEqualTo("purge.");
      assertThat(q.actor()).isNull();
      assertThat(q.until()).isEqualTo(Instant.parse("2026-05-03T00:00:00Z"));
    });
  }

  @Test
  void auditEntriesPrintAsATableAndTheChainResultAsOneLine() {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text, true);
    ArchiveAuditCommand.printTable(new AuditPage(7, 1, 2, List.of(
        new AuditEntry(7, AT, "lea", List.of("legal"), "192.0.2.7", "export.start", "case:3",
            "export=2 format=ZIP messages=5\nids: 5", "a".repeat(64), "b".repeat(64)),
        new AuditEntry(6, AT, "cli:root", List.of("legal", "legal-admin"), "cli", "audit.view", "", "", "0".repeat(64),
            "a".repeat(64)))), out);
    ArchiveAuditCommand.print(new AuditVerifyReport(7, Optional.empty()), out);
    ArchiveAuditCommand.print(new AuditVerifyReport(7, Optional.of(new AuditVerifyReport.Break(4,
        AuditVerifyReport.Kind.ALTERED, "entry 4 no longer matches its hash"))), out);
    assertThat(text.toString())
        .containsPattern("7 +2026-05-12T08:30:15Z +lea +192\\.0\\.2\\.7 +export\\.start +case:3 +export=2 format=ZIP messages=5 ids: 5")
        .containsPattern("6 +2026-05-12T08:30:15Z +cli:root +cli +audit\\.view +- +-")
        .contains("2 of 7 matching entries shown (newest first).")
        .contains("Checked 7 audit entries.", "Audit chain: intact.")
        .contains("AUDIT CHAIN BROKEN at entry 4 (ALTERED): entry 4 no longer matches its hash");
  }

  @Test
  void holdsSayWhatTheyCoverAndWhetherTheyAreActive() {
    Hold custodian = new Hold(1, 3, HoldKind.CUSTODIAN, "alice@example.eu", LocalDate.parse("2026-01-01"), null, null,
        "lea", AT, null, null, null);
    Hold query = new Hold(2, 3, HoldKind.QUERY, null, null, null, "subject:budget", "mara", AT, "mara", AT,
        "matter settled");
    assertThat(ArchiveHoldCommand.covers(custodian)).isEqualTo("alice@example.eu (2026-01-01 to ...)");
    StringWriter text = new StringWriter();
    ArchiveHoldCommand.table(List.of(custodian, query)).print(new PrintWriter(text, true));
    assertThat(text.toString())
        .containsPattern("1 +CUSTODIAN +alice@example\\.eu \\(2026-01-01 to \\.\\.\\.\\) +2026-05-12T08:30:15Z +lea +ACTIVE")
        .containsPattern("2 +QUERY +subject:budget .*released 2026-05-12T08:30:15Z by mara: matter settled");
  }

  @Test
  void retentionShowsPoliciesWithTheirDueCountsAndTheProposals() {
    StringWriter text = new StringWriter();
    ArchiveRetentionCommand.print(
        List.of(new RetentionPolicy(4, RetentionPolicy.Scope.DOMAIN, "example.eu", Period.ofYears(10), "mara", AT)),
        List.of(new DueSummary(4, 1234, AT)),
        List.of(new PurgeProposal(9, Optional.of(4L), "retention DOMAIN example.eu P10Y", PurgeProposal.Status.PENDING,
            "mara", AT, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1234, 0, 0)),
        new PrintWriter(text, true));
    assertThat(text.toString())
        .containsPattern("  4 +DOMAIN +example\\.eu +P10Y +2026-05-12T08:30:15Z +mara +1,234 +2026-05-12T08:30:15Z")
        .containsPattern("  9 +PENDING +1234 +2026-05-12T08:30:15Z +mara +- +0 +0 +retention DOMAIN example\\.eu P10Y")
        .contains("legal UI or API");
  }
}
