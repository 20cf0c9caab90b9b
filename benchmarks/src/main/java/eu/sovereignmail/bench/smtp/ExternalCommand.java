package eu.sovereignmail.bench.smtp;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command-line tool of the host (postconf, postfix, smtp-source) to its end, timed, with its output in a
 * file: the harness drives Postfix and the load generator only through their own commands.
 */
record ExternalCommand(List<String> command, Path outputFile, Duration timeout) {
  ExternalCommand {
    command = List.copyOf(command);
  }

  /** How the command ended: exit code, wall-clock time from start to exit, and what it printed (stdout + stderr). */
  record Finished(List<String> command, int exitCode, long nanos, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }

    /** The end of the output, for error messages. */
    String outputTail() {
      String trimmed = output.strip();
      return trimmed.length() <= 2000 ? trimmed : "..." + trimmed.substring(trimmed.length() - 2000);
    }

    Finished orThrow() throws IOException {
      if (!succeeded()) {
        throw new IOException(String.join(" ", command) + " exited with " + exitCode + ": " + outputTail());
      }
      return this;
    }
  }

  /** Starts the command, waits for it (killing it after {@code timeout}) and returns how it ended. */
  Finished run() throws IOException {
    Files.createDirectories(outputFile.toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    long before = Files.exists(outputFile) ? Files.size(outputFile) : 0;
    long started = System.nanoTime();
    Process process = builder.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.getFirst(), e);
    }
    long nanos = System.nanoTime() - started;
    byte[] all = Files.readAllBytes(outputFile);
    String output = new String(all, (int) Math.min(before, all.length), (int) Math.max(0, all.length - before),
        StandardCharsets.UTF_8);
    return new Finished(command, process.exitValue(), nanos, output);
  }
}
