package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.archive.journal.CheckpointKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code archive export verify}: the recipient's check of an export ZIP (signature and every message's SHA-256),
 * without the archive, so whoever receives an export can prove it is complete and unaltered.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks an export ZIP: the Ed25519 signature over manifest.json, and that every message it lists is in the",
      "ZIP with exactly that SHA-256 and size (and nothing unlisted is). Needs no archive or database.",
      "Exit codes: 0 OK, 1 FAILED, 2 the file or the key cannot be read."
    })
final class ArchiveExportVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE.zip", description = "The export ZIP.")
  Path zip;

  @Option(names = "--public-key", paramLabel = "PEM",
      description = "The archive's published public key ('archive public-key'); default: the key inside the ZIP,"
          + " which proves only that the files belong together.")
  Path publicKey;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(zip)) {
      return ArchiveRun.fail(spec, "no file " + zip, ArchiveCommand.CANNOT);
    }
    CheckpointKey key = null;
    if (publicKey != null) {
      try {
        key = CheckpointKey.fromPublicKeyPem(Files.readString(publicKey, StandardCharsets.US_ASCII));
      } catch (IOException | IllegalArgumentException e) {
        return ArchiveRun.fail(spec, "--public-key " + publicKey + ": " + e.getMessage(), ArchiveCommand.CANNOT);
      }
    }
    ExportZipCheck.Result result = ExportZipCheck.check(zip, key);
    PrintWriter out = spec.commandLine().getOut();
    result.lines().forEach(out::println);
    out.println(result.ok() ? "Result: OK" : "Result: FAILED (" + result.problems().size() + " problem"
        + (result.problems().size() == 1 ? "" : "s") + ")");
    out.flush();
    return result.ok() ? ArchiveCommand.OK : ArchiveCommand.PROBLEMS;
  }
}
