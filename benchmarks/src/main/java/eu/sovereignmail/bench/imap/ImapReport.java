package eu.sovereignmail.bench.imap;

import eu.sovereignmail.bench.common.MachineInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The run as Markdown: machine and settings, sessions/s per round and target, then per target over all rounds the
 * median and 95th percentile of every step, and the gateway against the goals (at least 0.9x James direct's
 * sessions/s, at most 1 ms added to each step's median).
 */
public record ImapReport(MachineInfo machine, String settings, String loadBefore, String loadAfter, String note,
    List<ImapRoundResult> rounds) {
  static final double GOAL_RATIO = 0.9;
  static final double GOAL_ADDED_MS = 1.0;
  static final String GATEWAY = "gateway";
  static final String DIRECT = "james";

  public ImapReport {
    rounds = List.copyOf(rounds);
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

    Map<String, Totals> totals = totals();
    out.append("\n| step (ms) |");
    totals.keySet().forEach(t -> out.append(' ').append(t).append(" median | ").append(t).append(" p95 |"));
    boolean both = totals.containsKey(GATEWAY) && totals.containsKey(DIRECT);
    if (both) {
      out.append(" added median |");
    }
    out.append("\n| --- |");
    totals.keySet().forEach(t -> out.append(" ---: | ---: |"));
    out.append(both ? " ---: |\n" : "\n");
    for (Step step : Step.values()) {
      out.append("| ").append(step.label()).append(" |");
      for (Totals t : totals.values()) {
        out.append(' ').append(millis(t.latencies.millis(step, 0.5))).append(" | ")
            .append(millis(t.latencies.millis(step, 0.95))).append(" |");
      }
      if (both) {
        OptionalDouble g = totals.get(GATEWAY).latencies.millis(step, 0.5);
        OptionalDouble d = totals.get(DIRECT).latencies.millis(step, 0.5);
        out.append(' ').append(g.isPresent() && d.isPresent() ? format("%+.2f", g.getAsDouble() - d.getAsDouble()) : "—")
            .append(" |");
      }
      out.append('\n');
    }

    out.append("\n| target | sessions/s, all measured rounds |\n| --- | ---: |\n");
    totals.forEach((name, t) -> out.append("| ").append(name).append(" | ")
        .append(format("%.1f", t.sessions / (t.nanos / 1e9))).append(" |\n"));
    if (both) {
      Totals g = totals.get(GATEWAY);
      Totals d = totals.get(DIRECT);
      double ratio = (g.sessions / (g.nanos / 1e9)) / (d.sessions / (d.nanos / 1e9));
      out.append("\n- gateway sessions/s vs James direct: ").append(format("%.2f×", ratio)).append(" (goal ≥ ")
          .append(format("%.1f×", GOAL_RATIO)).append(": ").append(ratio >= GOAL_RATIO ? "met" : "not met").append(")\n");
      out.append("- added median latency per step (goal ≤ ").append(format("+%.0f ms", GOAL_ADDED_MS)).append("): ");
      StringBuilder over = new StringBuilder();
      for (Step step : Step.values()) {
        OptionalDouble gm = g.latencies.millis(step, 0.5);
        OptionalDouble dm = d.latencies.millis(step, 0.5);
        if (gm.isPresent() && dm.isPresent() && gm.getAsDouble() - dm.getAsDouble() > GOAL_ADDED_MS) {
          over.append(over.isEmpty() ? "" : ", ").append(step.label());
        }
      }
      out.append(over.isEmpty() ? "met for every step" : "not met for " + over).append('\n');
    }
    return out.toString();
  }

  private Map<String, Totals> totals() {
    Map<String, Totals> totals = new LinkedHashMap<>();
    for (ImapRoundResult r : rounds) {
      Totals t = totals.computeIfAbsent(r.target(), k -> new Totals());
      t.sessions += r.sessions();
      t.nanos += r.nanos();
      t.latencies.addAll(r.latencies());
    }
    return totals;
  }

  /** One target's rounds added up. */
  private static final class Totals {
    long sessions;
    long nanos;
    final Latencies latencies = new Latencies();
  }

  private static String millis(OptionalDouble value) {
    return value.isPresent() ? format("%.2f", value.getAsDouble()) : "—";
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
