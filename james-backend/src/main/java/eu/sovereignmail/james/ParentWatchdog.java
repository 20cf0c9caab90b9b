package eu.sovereignmail.james;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends this JVM (through its shutdown hooks, so James stops cleanly) when the supervising process
 * dies, so that a kill -9 of the supervisor leaves no orphan James holding ports and files.
 */
final class ParentWatchdog {
  static final String PARENT_PID_PROPERTY = "sovereign.parent.pid";
  private static final Logger LOG = LoggerFactory.getLogger(ParentWatchdog.class);

  private final long parentPid;

  private ParentWatchdog(long parentPid) {
    this.parentPid = parentPid;
  }

  /** A watchdog for the process named by {@value #PARENT_PID_PROPERTY}, if that property is set. */
  static Optional<ParentWatchdog> fromSystemProperties() {
    String value = System.getProperty(PARENT_PID_PROPERTY);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ParentWatchdog(Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PARENT_PID_PROPERTY + " is not a process id: " + value, e);
    }
  }

  void start() {
    Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
    if (parent.isEmpty()) {
      LOG.error("event=watchdog.parent_gone parent_pid={} action=exit", parentPid);
      System.exit(3);
    }
    parent.get().onExit().thenRun(() -> {
      LOG.warn("event=watchdog.parent_died parent_pid={} action=exit", parentPid);
      System.exit(0);
    });
    LOG.info("event=watchdog.start parent_pid={}", parentPid);
  }
}
