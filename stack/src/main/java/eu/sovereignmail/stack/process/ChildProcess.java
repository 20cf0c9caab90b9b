package eu.sovereignmail.stack.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A child process of the stack whose output goes to a log file and whose stop never leaves a descendant behind. */
public final class ChildProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);

  private final String name;
  private final Process process;
  private final Path logFile;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /** Starts {@code command} in {@code workDir}, appending stdout and stderr to {@code logFile}. */
  public static ChildProcess start(
      String name, List<String> command, Path workDir, Map<String, String> environment, Path logFile)
      throws IOException {
    Objects.requireNonNull(name, "name");
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(environment);
    Process process = builder.start();
    LOG.info("event=child.start name={} pid={} log={}", name, process.pid(), logFile);
    return new ChildProcess(name, process, logFile);
  }

  /** The JDK running this JVM: children that are Java programs run on it, so they get the same JDK 21+. */
  public static Path currentJavaHome() {
    return Path.of(System.getProperty("java.home"));
  }

  /** The {@code java} launcher of {@link #currentJavaHome()}. */
  public static Path currentJava() {
    return currentJavaHome().resolve("bin").resolve("java");
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  public CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** Exit code once the process has ended, or -1 while it is alive. */
  public int exitCodeOrMinusOne() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /**
   * Asks the process to stop (SIGTERM), waits up to {@code grace}, then kills it and every descendant
   * that is still running (SIGKILL). Returns true when it stopped within the grace period.
   */
  public boolean stop(Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    if (!process.isAlive()) {
      descendants.forEach(ProcessHandle::destroyForcibly);
      return true;
    }
    long started = System.nanoTime();
    process.destroy();
    boolean graceful = waitFor(process.toHandle(), grace);
    Duration left = grace.minusNanos(System.nanoTime() - started);
    for (ProcessHandle child : descendants) {
      if (child.isAlive() && !waitFor(child, left.isNegative() ? Duration.ZERO : left)) {
        child.destroyForcibly();
        graceful = false;
      }
    }
    if (process.isAlive()) {
      LOG.warn("event=child.kill name={} pid={} reason=grace_expired grace_ms={}", name, pid(), grace.toMillis());
      process.destroyForcibly();
      waitFor(process.toHandle(), Duration.ofSeconds(10));
    }
    LOG.info("event=child.stop name={} pid={} graceful={} ms={}",
        name, pid(), graceful, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return graceful;
  }

  /** Kills the process and its descendants at once (SIGKILL), as a crash would. */
  public void kill() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    waitFor(process.toHandle(), Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }

  private static boolean waitFor(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return !handle.isAlive();
    }
  }
}
