package eu.sovereignmail.james.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.apache.james.filesystem.api.FileSystem;

/** Where the mailbox search index lives: {@code <home>/var/store/lucene}, a directory of its own. */
@Singleton
public final class LuceneIndexDirectory {
  private static final String MARKER = "running.marker";

  private final Path path;

  @Inject
  LuceneIndexDirectory(FileSystem fileSystem) throws IOException {
    this(fileSystem.getBasedir().toPath());
  }

  private LuceneIndexDirectory(Path home) throws IOException {
    this.path = home.resolve("var").resolve("store").resolve("lucene");
    Files.createDirectories(path);
  }

  public static LuceneIndexDirectory under(Path home) throws IOException {
    return new LuceneIndexDirectory(home);
  }

  public Path path() {
    return path;
  }

  /** Present while James runs; left behind by a crash, removed only after a complete, clean stop. */
  Path runningMarker() {
    return path.resolve(MARKER);
  }

  /** Called once James has stopped and the index writer has been closed (which commits). */
  public void markCleanStop() throws IOException {
    Files.deleteIfExists(runningMarker());
  }
}
