package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.ArchiveSettings;
import eu.sovereignmail.archive.journal.CheckpointPolicy;
import eu.sovereignmail.gateway.app.GatewayArchive;
import eu.sovereignmail.gateway.config.ConfigLoader;
import eu.sovereignmail.gateway.up.DataDirArchive;
import eu.sovereignmail.gateway.up.StackPorts;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Which archive an {@code archive} subcommand opens: the one a gateway configuration file names
 * ({@code --config}, as {@code gateway} runs), or else the one of an {@code up} data directory.
 */
final class ArchiveLocationOptions {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "The gateway's YAML configuration: open the archive it uses (environment overrides apply).")
  Path config;

  @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "An 'up' data directory (default: data/ in the project home); its MariaDB is started for the"
          + " command when 'up' is not running.")
  Path dataDir;

  @Option(names = "--mariadb-port", paramLabel = "PORT", scope = ScopeType.INHERIT,
      defaultValue = "13306", description = "The 'up' MariaDB port (default: ${DEFAULT-VALUE}).")
  int mariadbPort = StackPorts.DEFAULTS.mariadb();

  /** The archive, opened as the gateway opens it; tools never write checkpoints unless asked. */
  OpenArchive open() throws IOException {
    if (config != null) {
      Archive archive = Archive.open(asTool(GatewayArchive.settings(new ConfigLoader().load(config, System.getenv()))));
      return new OpenArchive(archive, archive);
    }
    Path dir = dataDir != null ? dataDir
        : Path.of(System.getProperty("sovereign.home", ".")).toAbsolutePath().normalize().resolve("data");
    DataDirArchive opened = DataDirArchive.open(dir, mariadbPort, ArchiveLocationOptions::asTool);
    return new OpenArchive(opened.archive(), opened);
  }

  /**
   * A command-line tool beside a running gateway: checkpoints only when asked, and no indexer of its own (the
   * gateway's indexer owns the index; the tool only reads it).
   */
  private static ArchiveSettings asTool(ArchiveSettings settings) {
    return settings.withCheckpoints(CheckpointPolicy.ON_DEMAND_ONLY).withSearch(settings.search().withIndexer(false));
  }

  /** An opened archive and what to close with it (for an 'up' data directory, possibly its MariaDB). */
  record OpenArchive(Archive archive, AutoCloseable resources) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      resources.close();
    }
  }
}
