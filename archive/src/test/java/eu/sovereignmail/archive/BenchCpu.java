package eu.sovereignmail.archive;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * CPU used so far by this JVM and by its child processes (the embedded MariaDB), for the benchmark harnesses: CPU per
 * message depends much less on what else runs on a shared machine than a wall-clock rate.
 */
public record BenchCpu(long jvmNanos, long childNanos) {

  public static BenchCpu now() {
    long children = ProcessHandle.current().descendants()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    return new BenchCpu(jvmNow(), children);
  }

  /** CPU of this JVM alone (its threads, JIT and GC included). */
  public static long jvmNow() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** {@code CPU 1.2 s JVM + 0.3 s MariaDB = 0.75 ms per message (0.60 + 0.15)} since {@code before}. */
  public String since(BenchCpu before, int count, String unit) {
    double jvm = (jvmNanos - before.jvmNanos) / 1e6;
    double child = (childNanos - before.childNanos) / 1e6;
    return String.format(Locale.ROOT, "CPU %.1f s JVM + %.1f s MariaDB = %.2f ms per %s (%.2f + %.2f)", jvm / 1000,
        child / 1000, (jvm + child) / count, unit, jvm / count, child / count);
  }
}
