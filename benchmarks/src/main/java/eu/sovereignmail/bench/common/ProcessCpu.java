package eu.sovereignmail.bench.common;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used so far by the harness's JVM and by each kind of child process (James's JVM, MariaDB), so that a round's
 * cost can be read per process and per unit of work, which moves much less with the machine's load than wall time.
 */
public record ProcessCpu(Map<String, Duration> byProcess) {
  public static final String HARNESS = "harness";

  public ProcessCpu {
    byProcess = Map.copyOf(byProcess);
  }

  /** Reads the current totals: the harness's own process, then its descendants grouped by command name. */
  public static ProcessCpu now() {
    Map<String, Duration> totals = new LinkedHashMap<>();
    totals.put(HARNESS, cpu(ProcessHandle.current()));
    ProcessHandle.current().descendants().forEach(child -> {
      String name = child.info().command().map(ProcessCpu::kind).orElse("other");
      totals.merge(name, cpu(child), Duration::plus);
    });
    return new ProcessCpu(totals);
  }

  /** CPU used between {@code before} and this reading, per process kind; kinds that ended in between are left out. */
  public ProcessCpu since(ProcessCpu before) {
    Map<String, Duration> used = new LinkedHashMap<>();
    byProcess.forEach((name, total) -> {
      Duration earlier = before.byProcess.getOrDefault(name, Duration.ZERO);
      used.put(name, total.minus(earlier).isNegative() ? Duration.ZERO : total.minus(earlier));
    });
    return new ProcessCpu(used);
  }

  private static Duration cpu(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static String kind(String command) {
    String name = command.substring(command.lastIndexOf('/') + 1);
    if (name.startsWith("java")) {
      return "james";
    }
    return name.startsWith("mariadbd") || name.startsWith("mysqld") ? "mariadb" : name;
  }
}
