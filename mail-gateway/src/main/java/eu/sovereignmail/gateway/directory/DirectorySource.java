package eu.sovereignmail.gateway.directory;

import java.io.IOException;

/** Where the directory's picture comes from (James WebAdmin in production); one call gives one whole snapshot. */
@FunctionalInterface
public interface DirectorySource {
  /** Reads everything now; {@link IOException} when the source cannot be reached or answers nonsense. */
  DirectorySnapshot load() throws IOException;
}
