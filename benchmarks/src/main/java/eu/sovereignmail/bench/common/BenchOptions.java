package eu.sovereignmail.bench.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Option;

/**
 * The options and file layout every benchmark harness shares (a picocli mixin): James's heap, the work directory
 * for the servers' state and whether to keep it, the results file with its log beside it, and a note for the report.
 * Exists so that the SMTP and IMAP harnesses read and lay out their runs the same way.
 */
public final class BenchOptions {
  @Option(names = "--james-heap", defaultValue = "512m", description = "James's -Xmx (default: ${DEFAULT-VALUE}).")
  String jamesHeap;

  @Option(names = "--work-dir", description = "Directory for every server's state (default: a new one under java.io.tmpdir). Deleted after a successful run.")
  Path workDir;

  @Option(names = "--results", description = "Markdown results file (default: benchmarks/target/<benchmark>/results-<time>.md).")
  Path results;

  @Option(names = "--keep-work-dir", description = "Keep the servers' state and logs after a successful run.")
  boolean keepWorkDir;

  @Option(names = "--note", description = "A line printed above the results, e.g. \"measured while other builds ran\".")
  String note;

  public String jamesHeap() {
    return jamesHeap;
  }

  public String note() {
    return note;
  }

  /** {@code --results}, else {@code benchmarks/target/<benchmark>/results-<time>.md}; its directory is created. */
  public Path resultsFile(Path home, String benchmark) throws IOException {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path file = (results != null ? results
        : home.resolve("benchmarks").resolve("target").resolve(benchmark).resolve("results-" + stamp + ".md"))
        .toAbsolutePath();
    Files.createDirectories(file.getParent());
    return file;
  }

  /**
   * Sends the harness's log to {@code <results>.log} beside {@code resultsFile} (console: progress and warnings;
   * file: everything, including the gateway's events); call before the first logger is made. Returns the log file.
   */
  public static Path logBeside(Path resultsFile) {
    Path logFile = resultsFile.resolveSibling(resultsFile.getFileName().toString().replaceFirst("\\.md$", "") + ".log");
    System.setProperty("bench.log.file", logFile.toString());
    System.setProperty("logback.configurationFile", "smtp-benchmark-logback.xml");
    return logFile;
  }

  /** {@code --work-dir} (created), else a new temporary directory named {@code prefix…}. */
  public Path workDirectory(String prefix) throws IOException {
    Path dir = (workDir != null ? workDir : Files.createTempDirectory(prefix)).toAbsolutePath();
    Files.createDirectories(dir);
    return dir;
  }

  /** Writes the report to {@code resultsFile} and prints it with where it was written. */
  public static void publish(Path resultsFile, String markdown) throws IOException {
    Files.writeString(resultsFile, markdown);
    System.out.println();
    System.out.println(markdown);
    System.out.println("results: " + resultsFile);
  }

  /** After a successful run: removes {@code dir} unless {@code --keep-work-dir}, and says which. */
  public void finish(Path dir) throws IOException {
    if (!keepWorkDir) {
      BenchFiles.deleteTree(dir);
    } else {
      System.out.println("servers' state and logs kept in " + dir);
    }
  }
}
