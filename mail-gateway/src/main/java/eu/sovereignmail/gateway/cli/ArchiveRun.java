package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.audit.AccessDeniedException;
import eu.sovereignmail.archive.cases.CaseNotFoundException;
import eu.sovereignmail.archive.holds.HoldNotFoundException;
import eu.sovereignmail.archive.search.QuerySyntaxException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Runs one legal {@code archive} subcommand against the archive its parent command locates, and turns what the
 * archive refuses (unknown case, bad input, access denied, cannot open) into one clear line on stderr and the
 * command's exit code, so no subcommand repeats that handling and no stack trace reaches the operator.
 */
final class ArchiveRun {
  private ArchiveRun() {}

  /** What a subcommand does with the opened archive; returns the exit code. */
  @FunctionalInterface
  interface Task {
    int run(Archive archive, PrintWriter out) throws Exception;
  }

  /**
   * Opens the archive that {@code spec}'s {@code archive} ancestor names, runs {@code task}, closes the archive.
   * Exit codes: the task's, {@link ArchiveCommand#PROBLEMS} for something not found, {@link ArchiveCommand#CANNOT}
   * for bad input, a refusal or an archive that cannot be opened.
   */
  static int with(CommandSpec spec, Task task) {
    PrintWriter out = spec.commandLine().getOut();
    try (var opened = ArchiveCommand.locationOf(spec).open()) {
      int code = task.run(opened.archive(), out);
      out.flush();
      return code;
    } catch (CaseNotFoundException | HoldNotFoundException e) {
      return fail(spec, e.getMessage(), ArchiveCommand.PROBLEMS);
    } catch (QuerySyntaxException e) {
      return fail(spec, "malformed query: " + e.getMessage(), ArchiveCommand.CANNOT);
    } catch (AccessDeniedException | IllegalArgumentException | IllegalStateException e) {
      return fail(spec, e.getMessage(), ArchiveCommand.CANNOT);
    } catch (Exception e) {
      return fail(spec, e.getMessage() == null ? e.toString() : e.getMessage(), ArchiveCommand.CANNOT);
    }
  }

  /**
   * The command actually running: {@code spec} itself, or the method subcommand below it ({@code @Spec} in a class
   * whose methods are subcommands names the class's command).
   */
  private static CommandSpec running(CommandSpec spec) {
    ParseResult result = spec.root().commandLine().getParseResult();
    while (result != null && result.subcommand() != null) {
      result = result.subcommand();
    }
    return result == null ? spec : result.commandSpec();
  }

  /** Prints {@code sovereign-mail archive <command path>: message} on stderr and returns {@code code}. */
  static int fail(CommandSpec spec, String message, int code) {
    spec.commandLine().getErr().println(running(spec).qualifiedName(" ") + ": " + message);
    spec.commandLine().getErr().flush();
    return code;
  }
}
