package eu.sovereignmail.bench.common;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The facts a benchmark figure means nothing without: cores, CPU, memory, JDK, the disk under the servers' state,
 * the date and the load average when the run started and ended (the reference machines are shared).
 */
public record MachineInfo(String date, int cores, String cpu, String memory, String jdk, String os, String disk) {

  public static MachineInfo probe(Path stateDir) {
    return new MachineInfo(
        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceFirst("\\.\\d+", ""),
        Runtime.getRuntime().availableProcessors(),
        procField(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU"),
        procField(Path.of("/proc/meminfo"), "MemTotal").map(MachineInfo::gigabytes).orElse("unknown"),
        System.getProperty("java.vm.vendor") + " " + Runtime.version(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        disk(stateDir));
  }

  /** The 1, 5 and 15 minute load averages now, e.g. {@code 6.12 5.80 4.97}. */
  public static String loadAverage() {
    try {
      List<String> fields = List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"));
      return String.join(" ", fields.subList(0, 3));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Optional<String> procField(Path file, String name) {
    try {
      return Files.readAllLines(file).stream().filter(line -> line.startsWith(name))
          .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String gigabytes(String memTotal) {
    try {
      long kib = Long.parseLong(memTotal.replace("kB", "").trim());
      return Math.round(kib / 1024.0 / 1024.0) + " GB";
    } catch (NumberFormatException e) {
      return memTotal;
    }
  }

  /** Device, file system and (when the kernel says) whether it is rotational, of the file system holding {@code dir}. */
  private static String disk(Path dir) {
    try {
      FileStore store = Files.getFileStore(dir);
      String device = store.name();
      String name = device.substring(device.lastIndexOf('/') + 1);
      Optional<String> kind = rotational(Path.of("/sys/class/block", name, "queue", "rotational"))
          .or(() -> rotational(Path.of("/sys/class/block", name, "..", "queue", "rotational")));
      return device + " (" + store.type() + kind.map(k -> ", " + k).orElse("") + ")";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static Optional<String> rotational(Path flag) {
    try {
      return Optional.of(Files.readString(flag).trim().equals("0") ? "kernel: non-rotational" : "kernel: rotational");
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
