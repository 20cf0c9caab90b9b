package eu.sovereignmail.bench.smtp;

import eu.sovereignmail.stack.process.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private Postfix instance for the side-by-side run: its own config_directory and queue_directory under the
 * benchmark's directory (so its queue is on the same disk as the gateway's spool), smtpd on a loopback port, the
 * bench domain as its final destination and every delivery replaced by {@code discard}. Accepting a message is
 * therefore stock Postfix (cleanup writes and fsyncs the queue file before smtpd answers 250); nothing is
 * delivered afterwards. Runs the host's Debian package through {@code postconf -c} and {@code postfix -c}.
 */
public final class PostfixInstance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PostfixInstance.class);
  private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
  private static final Path POSTCONF = Path.of("/usr/sbin/postconf");
  private static final Path STOCK_MASTER_CF = Path.of("/etc/postfix/master.cf");
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(1);
  private static final List<String> QUEUES = List.of("maildrop", "incoming", "active", "deferred", "hold");

  private final Path dir;
  private final int port;
  private final String version;
  private boolean running = true;

  private PostfixInstance(Path dir, int port, String version) {
    this.dir = dir;
    this.port = port;
    this.version = version;
  }

  /** True when the host has the Postfix package (postfix, postconf and the stock master.cf). */
  public static boolean installed() {
    return Files.isExecutable(POSTFIX) && Files.isExecutable(POSTCONF) && Files.isRegularFile(STOCK_MASTER_CF);
  }

  /** Writes the instance's configuration under {@code dir}, starts it and waits until smtpd listens on {@code port}. */
  public static PostfixInstance start(Path dir, String domain, int port) throws IOException {
    Path conf = dir.resolve("conf");
    Path queue = dir.resolve("queue");
    Path data = dir.resolve("data");
    Files.createDirectories(conf);
    Files.createDirectories(queue);
    Files.createDirectories(data);
    // The postfix user must reach the queue and data directories (root owns the path) and own data_directory.
    for (Path path : List.of(conf, queue)) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    letOthersTraverse(dir);
    UserPrincipal postfixUser = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix");
    Files.setOwner(data, postfixUser);
    Files.copy(STOCK_MASTER_CF, conf.resolve("master.cf"), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(conf.resolve("main.cf"), "# A benchmark instance; see PostfixInstance.\n");

    postconf(dir, "-e",
        "compatibility_level=3.6",
        "queue_directory=" + queue,
        "data_directory=" + data,
        "maillog_file_prefixes=" + dir,
        "maillog_file=" + dir.resolve("maillog"),
        "inet_interfaces=127.0.0.1",
        "inet_protocols=ipv4",
        "myhostname=postfix." + domain,
        "mydomain=" + domain,
        "mydestination=" + domain,
        "mynetworks=127.0.0.0/8",
        "smtpd_relay_restrictions=permit_mynetworks,reject_unauth_destination",
        // Every recipient of the bench domain exists, and everything accepted is discarded after the queue.
        "local_recipient_maps=",
        "alias_maps=",
        "alias_database=",
        "local_transport=discard:benchmark",
        "default_transport=discard:benchmark",
        "relay_transport=discard:benchmark",
        "biff=no");
    postconf(dir, "-M#", "smtp/inet");
    postconf(dir, "-M", "127.0.0.1:" + port + "/inet=127.0.0.1:" + port + " inet n - n - - smtpd");
    // The stock master.cf chroots some daemons into the queue directory, which would need copies of /etc there.
    postconf(dir, "-F", "*/*/chroot=n");
    String version = postconf(dir, "-h", "mail_version").output().strip();

    ExternalCommand.Finished start = command(dir, List.of(POSTFIX.toString(), "-c", conf.toString(), "start"));
    if (!start.succeeded()) {
      // postfix reports why in its log file, not on the terminal.
      Path log = dir.resolve("maillog");
      throw new IOException("postfix -c " + conf + " start exited with " + start.exitCode() + ": "
          + (Files.exists(log) ? Files.readString(log).strip() : start.outputTail()));
    }
    PostfixInstance instance = new PostfixInstance(dir, port, version);
    if (!Ports.awaitListening(InetAddress.getLoopbackAddress(), port, Duration.ofSeconds(30))) {
      instance.close();
      throw new IOException("Postfix did not listen on 127.0.0.1:" + port + " within 30 s; see " + dir.resolve("maillog"));
    }
    LOG.info("event=bench.postfix.ready version={} port={} dir={}", version, port, dir);
    return instance;
  }

  /** Adds the others-execute bit to {@code dir} and each parent lacking it (e.g. a mode-700 temp directory). */
  private static void letOthersTraverse(Path dir) throws IOException {
    for (Path path = dir.toAbsolutePath(); path != null; path = path.getParent()) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
      if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        permissions.add(PosixFilePermission.GROUP_EXECUTE);
        Files.setPosixFilePermissions(path, permissions);
      }
    }
  }

  public int port() {
    return port;
  }

  public String version() {
    return version;
  }

  /** Messages still in the instance's queues (files under maildrop, incoming, active, deferred, hold). */
  public long queuedFiles() throws IOException {
    long count = 0;
    for (String name : QUEUES) {
      Path queue = dir.resolve("queue").resolve(name);
      if (Files.isDirectory(queue)) {
        try (Stream<Path> files = Files.walk(queue)) {
          count += files.filter(Files::isRegularFile).count();
        }
      }
    }
    return count;
  }

  private static ExternalCommand.Finished postconf(Path dir, String... arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of(POSTCONF.toString(), "-c", dir.resolve("conf").toString()));
    command.addAll(List.of(arguments));
    return command(dir, command).orThrow();
  }

  private static ExternalCommand.Finished command(Path dir, List<String> command) throws IOException {
    return new ExternalCommand(command, dir.resolve("commands.log"), COMMAND_TIMEOUT).run();
  }

  /** {@code postfix stop} (graceful), then {@code postfix abort} if the master is still there. */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    String conf = dir.resolve("conf").toString();
    try {
      ExternalCommand.Finished stop = command(dir, List.of(POSTFIX.toString(), "-c", conf, "stop"));
      if (!stop.succeeded() || Ports.isListening(InetAddress.getLoopbackAddress(), port)) {
        command(dir, List.of(POSTFIX.toString(), "-c", conf, "abort"));
      }
      LOG.info("event=bench.postfix.stopped dir={}", dir);
    } catch (IOException e) {
      LOG.warn("event=bench.postfix.stop_failed dir={} error=\"{}\"", dir, e.getMessage());
    }
  }
}
