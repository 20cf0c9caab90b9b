package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.archive.ArchiveStats;
import eu.sovereignmail.archive.journal.Checkpoint;
import eu.sovereignmail.archive.journal.CheckpointKey;
import eu.sovereignmail.archive.journal.VerifyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code archive}: the operator's and auditor's tools on the journal archive: prove it unaltered, and count it. */
@Command(
    name = "archive",
    mixinStandardHelpOptions = true,
    description = {
      "Checks and counts the journal archive, opened directly (database, blobs, key files) as the gateway opens it.",
      "Exit codes: 0 ok, 1 verify found a problem, 2 usage error or the archive cannot be opened."
    })
final class ArchiveCommand {
  static final int OK = 0;
  static final int PROBLEMS = 1;
  static final int CANNOT = 2;

  @Spec CommandSpec spec;

  @Mixin ArchiveLocationOptions location;

  @Command(name = "verify", description = {
      "Recomputes the hash chain of journal entries, reads back every blob and checks its hash, and checks every",
      "signed checkpoint (signature by a trusted key, and the chain still passing through it).",
      "Reports the first chain break, every bad blob and every bad checkpoint."})
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
      return report.clean() ? OK : PROBLEMS;
    } catch (Exception e) {
      return cannot("verify", e.getMessage());
    }
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
    out.println(report.clean() ? "Result: CLEAN" : "Result: PROBLEMS FOUND");
    out.flush();
  }

  private int cannot(String what, String message) {
    spec.commandLine().getErr().println("sovereign-mail archive " + what + ": " + message);
    return CANNOT;
  }
}
