package eu.sovereignmail.stack.james;

import eu.sovereignmail.stack.process.ChildProcess;
import eu.sovereignmail.stack.process.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable James backend as a child JVM of the stack: writes its configuration, runs the
 * james-backend distribution on its own classpath, waits until it is healthy and provisions its
 * administrator. James never shares the stack's classpath.
 */
public final class JamesBackend implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JamesBackend.class);
  static final String MAIN_CLASS = "eu.sovereignmail.james.SovereignJamesMain";
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final JamesSettings settings;
  private final ChildProcess process;
  private final JamesWebAdmin webAdmin;

  private JamesBackend(JamesSettings settings, ChildProcess process, JamesWebAdmin webAdmin) {
    this.settings = settings;
    this.process = process;
    this.webAdmin = webAdmin;
  }

  /** Starts James and returns once it is healthy, listening, and its administrator exists. */
  public static JamesBackend start(JamesSettings settings) throws IOException {
    Path lib = settings.distribution().resolve("lib");
    if (!Files.isDirectory(lib)) {
      throw new IOException("no James distribution at " + lib + " (build james-backend: ./mvnw -pl james-backend package)");
    }
    InetAddress host = InetAddress.getByName(settings.bindHost());
    for (int port : portsOf(settings)) {
      if (!Ports.isFree(host, port)) {
        throw new IOException("James cannot start: " + settings.bindHost() + ":" + port + " is already in use");
      }
    }
    JamesConfigWriter.write(settings);
    Files.createDirectories(settings.home().resolve("var"));
    long started = System.nanoTime();
    ChildProcess process = ChildProcess.start("james", command(settings, lib), settings.home(), Map.of(), settings.logFile());
    JamesBackend backend = new JamesBackend(settings, process, new JamesWebAdmin(settings.bindHost(), settings.ports().webAdmin()));
    try {
      backend.awaitReady(host, started);
      backend.webAdmin.ensureDomain(settings.adminDomain());
      backend.webAdmin.ensureUser(settings.adminUser(), settings.adminPassword());
    } catch (IOException | RuntimeException e) {
      process.kill();
      throw e;
    }
    LOG.info("event=james.ready pid={} webadmin={} ms={}", process.pid(), backend.webAdmin.base(),
        (System.nanoTime() - started) / 1_000_000);
    return backend;
  }

  private static List<String> command(JamesSettings settings, Path lib) {
    List<String> command = new ArrayList<>();
    command.add(ChildProcess.currentJava().toString());
    command.add("-Xmx" + settings.heap());
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Dworking.directory=" + settings.home());
    command.add("-Dlogback.configurationFile=" + settings.confDir().resolve("logback.xml"));
    command.add("-Dsovereign.parent.pid=" + ProcessHandle.current().pid());
    command.add("-cp");
    command.add(lib + "/*");
    command.add(MAIN_CLASS);
    return command;
  }

  private void awaitReady(InetAddress host, long startedNanos) throws IOException {
    long deadline = startedNanos + START_TIMEOUT.toNanos();
    while (!webAdmin.healthy()) {
      if (!process.isAlive()) {
        throw new IOException("James exited during start (code " + process.exitCodeOrMinusOne() + "); see " + process.logFile());
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("James was not healthy within " + START_TIMEOUT.toSeconds() + " s; see " + process.logFile());
      }
      sleep(Duration.ofMillis(250));
    }
    for (int port : portsOf(settings)) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      if (!Ports.awaitListening(host, port, left)) {
        throw new IOException("James does not listen on " + settings.bindHost() + ":" + port + "; see " + process.logFile());
      }
    }
  }

  private static int[] portsOf(JamesSettings settings) {
    JamesSettings.Ports ports = settings.ports();
    return new int[] {ports.smtp(), ports.lmtp(), ports.imap(), ports.webAdmin()};
  }

  private static void sleep(Duration duration) throws IOException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for James", e);
    }
  }

  public JamesSettings settings() {
    return settings;
  }

  public JamesWebAdmin webAdmin() {
    return webAdmin;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return process.logFile();
  }

  /** True while the process runs and WebAdmin reports every health check healthy. */
  public boolean healthy() {
    return process.isAlive() && webAdmin.healthy();
  }

  /** Graceful stop (SIGTERM: James closes its queue, index and database); SIGKILL after {@code grace}. */
  public boolean stop(Duration grace) {
    return process.stop(grace);
  }

  /** kill -9, as a crash would. */
  public void kill() {
    process.kill();
  }

  @Override
  public void close() {
    stop(STOP_GRACE);
  }
}
