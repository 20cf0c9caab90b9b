package eu.sovereignmail.gateway.up;

import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.ArchiveSettings;
import eu.sovereignmail.archive.journal.CheckpointPolicy;
import eu.sovereignmail.gateway.app.GatewayArchive;
import eu.sovereignmail.stack.mariadb.EmbeddedMariaDb;
import eu.sovereignmail.stack.process.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.Optional;

/**
 * The archive of an {@code up} data directory, opened by the {@code archive} CLI exactly as {@code up}'s
 * gateway opens it. When {@code up} is not running, its embedded MariaDB is started on the data for the
 * duration of the command (and stopped at close); when it is, its running server is used.
 */
public final class DataDirArchive implements AutoCloseable {
  private final Archive archive;
  private final EmbeddedMariaDb startedHere;

  private DataDirArchive(Archive archive, EmbeddedMariaDb startedHere) {
    this.archive = archive;
    this.startedHere = startedHere;
  }

  /** Where {@code up}'s gateway keeps its archive in {@code dataDir}, reached on {@code mariadbPort}. */
  public static ArchiveSettings settings(Path dataDir, int mariadbPort) throws IOException {
    UpSettings up = new UpSettings(dataDir, dataDir, InetAddress.getLoopbackAddress(), withMariaDbPort(mariadbPort),
        Optional.empty());
    if (!Files.exists(up.secretsFile())) {
      throw new NoSuchFileException(up.secretsFile().toString(), null,
          "not an 'up' data directory (run 'sovereign-mail up' once, or pass --config for a gateway configuration)");
    }
    StackCredentials credentials = StackCredentials.load(up);
    String password = credentials.internal("mariadb.gateway.password");
    Database database = new Database("jdbc:mariadb://127.0.0.1:" + mariadbPort + "/" + Stack.GATEWAY_DATABASE,
        Stack.GATEWAY_DATABASE, password);
    return GatewayArchive.settings(Stack.gatewayConfig(up, credentials, database));
  }

  /**
   * Opens the archive of {@code dataDir} with {@code checkpoints}; starts the embedded MariaDB when nothing
   * listens on {@code mariadbPort}.
   */
  public static DataDirArchive open(Path dataDir, int mariadbPort, UnaryOperator<ArchiveSettings> adjust)
      throws IOException {
    ArchiveSettings settings = adjust.apply(settings(dataDir, mariadbPort));
    EmbeddedMariaDb mariaDb = null;
    if (Ports.isFree(InetAddress.getLoopbackAddress(), mariadbPort)) {
      mariaDb = EmbeddedMariaDb.start(dataDir.toAbsolutePath().resolve("mariadb"), mariadbPort);
    }
    try {
      return new DataDirArchive(Archive.open(settings), mariaDb);
    } catch (IOException | RuntimeException e) {
      if (mariaDb != null) {
        mariaDb.close();
      }
      throw e;
    }
  }

  public Archive archive() {
    return archive;
  }

  @Override
  public void close() {
    archive.close();
    if (startedHere != null) {
      startedHere.close();
    }
  }

  private static StackPorts withMariaDbPort(int port) {
    StackPorts d = StackPorts.DEFAULTS;
    return new StackPorts(d.http(), d.keycloak(), d.keycloakManagement(), port, d.jamesSmtp(), d.jamesLmtp(),
        d.jamesImap(), d.jamesWebAdmin(), d.smtpMx(), d.smtpSubmission(), d.smtps(), d.imap(), d.imaps());
  }
}
