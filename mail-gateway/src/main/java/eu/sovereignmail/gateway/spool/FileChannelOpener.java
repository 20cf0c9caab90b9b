package eu.sovereignmail.gateway.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/** The spool's only way to open files: production uses {@link FileChannel#open}; tests inject failing channels. */
@FunctionalInterface
public interface FileChannelOpener {
  FileChannelOpener DEFAULT = (path, options) -> FileChannel.open(path, options);

  FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException;
}
