package eu.sovereignmail.bench.imap;

import eu.sovereignmail.bench.common.MachineInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The run as Markdown: machine and settings, sessions/s per round and target, then per target over all rounds the
 * median and 95th percentile of every step, and every other target (the gateway's doors) against James direct and
 * the goals (at least 0.9x James direct's sessions/s, at most 1 ms added to each step's median), the CPU
 * time per session each process used (the harness's JVM runs both the clients and the gateway), and the same steps
 * again with one client at a time, where the added latency is the door's own and not queueing for saturated cores.
 */
public record ImapReport(MachineInfo machine, String settings, String loadBefore, String loadAfter, String note,
    List<ImapRoundResult> rounds, List<ImapRoundResult> latencyRounds) {
  static final double GOAL_RATIO = 0.9;
  static final double GOAL_ADDED_MS = 1.0;
  static final String DIRECT = "james";

  public ImapReport {
    rounds = List.copyOf(rounds);
    latencyRounds = List.copyOf(latencyRounds);
  }

  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# IMAP front door benchmark, ").append(machine.date()).append("\n\n");
    if (note != null && !note.isBlank()) {
      out.append("**").append(note.strip()).append("**\n\n");
    }
    out.append("- machine: ").append(machine.cores()).append(" cores (").append(machine.cpu()).append("), ")
        .append(machine.memory()).append(", ").append(machine.os()).append('\n');
    out.append("- JDK: ").append(machine.jdk()).append('\n');
    out.append("- load average (1/5/15 min): ").append(loadBefore).append(" at start, ").append(loadAfter)
        .append(" at end\n");
    out.append("- ").append(settings).append("\n\n");

    out.append("| round | target | sessions | failed | seconds | sessions/s |\n| --- | --- | ---: | ---: | ---: | ---: |\n");
    for (ImapRoundResult r : rounds) {
      out.append("| ").append(r.round()).append(" | ").append(r.target()).append(" | ").append(r.sessions())
          .append(" | ").append(r.failures()).append(" | ").append(format("%.2f", r.nanos() / 1e9))
          .append(" | ").append(format("%.1f", r.sessionsPerSecond())).append(" |\n");
    }

    Map<String, Totals> totals = totals(rounds);
    Totals direct = totals.get(DIRECT);
    List<String> compared = direct == null ? List.of()
        : totals.keySet().stream().filter(name -> !name.equals(DIRECT)).toList();
    out.append("\nPer step, under the load above:\n");
    steps(out, totals);

    List<String> processes = totals.values().stream().flatMap(t -> t.cpuNanos.keySet().stream()).distinct().sorted()
        .toList();
    out.append("\n| target | sessions/s, all measured rounds |");
    processes.forEach(p -> out.append(" CPU ms per session: ").append(p).append(" |"));
    out.append(" CPU ms per session, all |\n| --- | ---: |");
    processes.forEach(p -> out.append(" ---: |"));
    out.append(" ---: |\n");
    totals.forEach((name, t) -> {
      out.append("| ").append(name).append(" | ").append(format("%.1f", t.sessionsPerSecond())).append(" |");
      processes.forEach(p -> out.append(' ').append(format("%.2f", t.cpuMillisPerSession(p))).append(" |"));
      out.append(' ').append(format("%.2f", t.cpuMillisPerSession(null))).append(" |\n");
    });
    if (!compared.isEmpty()) {
      out.append('\n');
    }
    for (String name : compared) {
      Totals g = totals.get(name);
      double ratio = g.sessionsPerSecond() / direct.sessionsPerSecond();
      out.append("- ").append(name).append(" sessions/s vs James direct: ").append(format("%.2f×", ratio))
          .append(" (goal ≥ ").append(format("%.1f×", GOAL_RATIO)).append(": ")
          .append(ratio >= GOAL_RATIO ? "met" : "not met").append(")\n");
      StringBuilder over = new StringBuilder();
      for (Step step : Step.values()) {
        OptionalDouble added = added(g, direct, step);
        if (added.isPresent() && added.getAsDouble() > GOAL_ADDED_MS) {
          over.append(over.isEmpty() ? "" : ", ").append(step.label());
        }
      }
      out.append("- ").append(name).append(" added median latency per step under this load (goal ≤ ")
          .append(format("+%.0f ms", GOAL_ADDED_MS)).append("): ")
          .append(over.isEmpty() ? "met for every step" : "not met for " + over).append('\n');
    }
    if (!latencyRounds.isEmpty()) {
      Map<String, Totals> unloaded = totals(latencyRounds);
      out.append("\nPer step, one client at a time (added latency without queueing for the cores):\n");
      steps(out, unloaded);
      Totals unloadedDirect = unloaded.get(DIRECT);
      for (String name : unloaded.keySet()) {
        if (name.equals(DIRECT) || unloadedDirect == null) {
          continue;
        }
        StringBuilder over = new StringBuilder();
        for (Step step : Step.values()) {
          OptionalDouble added = added(unloaded.get(name), unloadedDirect, step);
          if (added.isPresent() && added.getAsDouble() > GOAL_ADDED_MS) {
            over.append(over.isEmpty() ? "" : ", ").append(step.label());
          }
        }
        out.append("- ").append(name).append(", one client: added median latency per step (goal ≤ ")
            .append(format("+%.0f ms", GOAL_ADDED_MS)).append("): ")
            .append(over.isEmpty() ? "met for every step" : "not met for " + over).append('\n');
      }
    }
    return out.toString();
  }

  /** The per-step table: every target's median and p95, and each target's median against James direct's. */
  private static void steps(StringBuilder out, Map<String, Totals> totals) {
    Totals direct = totals.get(DIRECT);
    List<String> compared = direct == null ? List.of()
        : totals.keySet().stream().filter(name -> !name.equals(DIRECT)).toList();
    out.append("\n| step (ms) |");
    totals.keySet().forEach(t -> out.append(' ').append(t).append(" median | ").append(t).append(" p95 |"));
    compared.forEach(t -> out.append(' ').append(t).append(" added median |"));
    out.append("\n| --- |");
    totals.keySet().forEach(t -> out.append(" ---: | ---: |"));
    compared.forEach(t -> out.append(" ---: |"));
    out.append('\n');
    for (Step step : Step.values()) {
      out.append("| ").append(step.label()).append(" |");
      for (Totals t : totals.values()) {
        out.append(' ').append(millis(t.latencies.millis(step, 0.5))).append(" | ")
            .append(millis(t.latencies.millis(step, 0.95))).append(" |");
      }
      for (String name : compared) {
        OptionalDouble added = added(totals.get(name), direct, step);
        out.append(' ').append(added.isPresent() ? format("%+.2f", added.getAsDouble()) : "—").append(" |");
      }
      out.append('\n');
    }
  }


  private static Map<String, Totals> totals(List<ImapRoundResult> results) {
    Map<String, Totals> totals = new LinkedHashMap<>();
    for (ImapRoundResult r : results) {
      Totals t = totals.computeIfAbsent(r.target(), k -> new Totals());
      t.sessions += r.sessions();
      t.nanos += r.nanos();
      t.latencies.addAll(r.latencies());
      r.cpu().byProcess().forEach((process, used) -> t.cpuNanos.merge(process, used.toNanos(), Long::sum));
    }
    return totals;
  }

  /** One target's rounds added up. */
  private static final class Totals {
    long sessions;
    long nanos;
    final Latencies latencies = new Latencies();
    final Map<String, Long> cpuNanos = new TreeMap<>();

    double sessionsPerSecond() {
      return sessions / (nanos / 1e9);
    }

    /** CPU milliseconds per completed session used by {@code process}, or by all processes when null. */
    double cpuMillisPerSession(String process) {
      long used = process == null ? cpuNanos.values().stream().mapToLong(Long::longValue).sum()
          : cpuNanos.getOrDefault(process, 0L);
      return sessions == 0 ? 0 : used / 1e6 / sessions;
    }
  }

  /** {@code target}'s median of {@code step} minus James direct's; empty without samples on either side. */
  private static OptionalDouble added(Totals target, Totals direct, Step step) {
    OptionalDouble t = target.latencies.millis(step, 0.5);
    OptionalDouble d = direct.latencies.millis(step, 0.5);
    return t.isPresent() && d.isPresent() ? OptionalDouble.of(t.getAsDouble() - d.getAsDouble()) : OptionalDouble.empty();
  }

  private static String millis(OptionalDouble value) {
    return value.isPresent() ? format("%.2f", value.getAsDouble()) : "—";
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
