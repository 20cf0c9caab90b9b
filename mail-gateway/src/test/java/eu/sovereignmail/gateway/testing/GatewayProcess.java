package eu.sovereignmail.gateway.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as a real child process ({@code sovereign-mail gateway --config}), so tests can SIGKILL it mid-flight
 * and start it again on the same data directory, the way a crash happens in production.
 */
public final class GatewayProcess implements AutoCloseable {
  private final Path config;
  private final Path log;
  private final int readyPort;
  private Process process;

  /** {@code readyPort}: a port the gateway listens on once it is fully started (the MX port). */
  public GatewayProcess(Path config, Path log, int readyPort) {
    this.config = config;
    this.log = log;
    this.readyPort = readyPort;
  }

  public GatewayProcess start() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        "eu.sovereignmail.gateway.cli.SovereignMail", "gateway", "--config", config.toString()));
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("gateway exited with " + process.exitValue() + "; log:\n" + tail());
      }
      return listening();
    });
    return this;
  }

  /** SIGKILL: no shutdown hook, no flush, exactly like a power cut of the process. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM and wait for the clean stop. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  public String tail() throws IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  private boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(Backends.HOST, readyPort), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
