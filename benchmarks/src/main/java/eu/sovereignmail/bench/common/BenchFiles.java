package eu.sovereignmail.bench.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where a benchmark finds the project (James's distribution, its results directory) and how it removes its state. */
public final class BenchFiles {
  private BenchFiles() {}

  /** The project root: -Dsovereign.home (set by the scripts), else the first parent of the working directory with james-backend/. */
  public static Path projectHome() {
    String configured = System.getProperty("sovereign.home");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("james-backend")) && Files.isRegularFile(dir.resolve("sovereign-mail"))) {
        return dir;
      }
    }
    return Path.of("").toAbsolutePath();
  }

  /** Deletes {@code dir} and everything under it. */
  public static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
