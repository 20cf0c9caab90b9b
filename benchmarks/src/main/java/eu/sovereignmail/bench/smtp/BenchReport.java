package eu.sovereignmail.bench.smtp;

import eu.sovereignmail.bench.common.MachineInfo;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run as Markdown: machine and settings, one row per round and server, then each server's rate over all rounds
 * and the gateway's ratios against the goals (at least 1.0x Postfix, at least 3x James direct).
 */
public record BenchReport(MachineInfo machine, String settings, String loadBefore, String loadAfter, String note,
    List<RoundResult> rounds) {
  static final double GOAL_VS_POSTFIX = 1.0;
  static final double GOAL_VS_JAMES = 3.0;

  public BenchReport {
    rounds = List.copyOf(rounds);
  }

  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# SMTP front door benchmark, ").append(machine.date()).append("\n\n");
    if (note != null && !note.isBlank()) {
      out.append("**").append(note.strip()).append("**\n\n");
    }
    out.append("- machine: ").append(machine.cores()).append(" cores (").append(machine.cpu()).append("), ")
        .append(machine.memory()).append(", ").append(machine.os()).append('\n');
    out.append("- JDK: ").append(machine.jdk()).append('\n');
    out.append("- disk under every server's state: ").append(machine.disk()).append('\n');
    out.append("- load average (1/5/15 min): ").append(loadBefore).append(" at start, ").append(loadAfter)
        .append(" at end\n");
    out.append("- ").append(settings).append("\n\n");

    out.append("| round | server | accepted/s | last 250 after | in James at last 250 | all in James after | accepted → in James msgs/s | mean fsync batch |\n");
    out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (RoundResult r : rounds) {
      out.append("| ").append(r.round()).append(" | ").append(r.target().label())
          .append(" | ").append(format("%.0f", r.acceptedPerSecond()))
          .append(" | ").append(format("%.2f s", RoundResult.seconds(r.acceptNanos())))
          .append(" | ").append(r.inJamesAtLastAccept().isPresent() ? r.inJamesAtLastAccept().getAsLong() + "" : "—")
          .append(" | ").append(r.endToEndNanos().isPresent()
              ? format("%.2f s", RoundResult.seconds(r.endToEndNanos().getAsLong())) : "—")
          .append(" | ").append(r.endToEndPerSecond().isPresent() ? format("%.0f", r.endToEndPerSecond().getAsDouble())
              : "— (discarded)")
          .append(" | ").append(r.meanCommitBatch().isPresent() ? format("%.1f", r.meanCommitBatch().getAsDouble()) : "—")
          .append(" |\n");
    }

    Map<Target, double[]> totals = totals();
    out.append("\n| server | accepted/s, all rounds | accepted → in James msgs/s, all rounds |\n| --- | ---: | ---: |\n");
    for (Map.Entry<Target, double[]> entry : totals.entrySet()) {
      double[] t = entry.getValue();
      out.append("| ").append(entry.getKey().label()).append(" | ").append(format("%.0f", t[0] / t[1]))
          .append(" | ").append(t[2] > 0 ? format("%.0f", t[0] / t[2]) : "—").append(" |\n");
    }
    out.append('\n');
    ratio(out, totals, Target.POSTFIX, GOAL_VS_POSTFIX);
    ratio(out, totals, Target.JAMES, GOAL_VS_JAMES);
    return out.toString();
  }

  /** Per server: messages, seconds to the last 250, seconds until all were in James (0 when not measured). */
  private Map<Target, double[]> totals() {
    Map<Target, double[]> totals = new EnumMap<>(Target.class);
    for (RoundResult r : rounds) {
      double[] t = totals.computeIfAbsent(r.target(), k -> new double[3]);
      t[0] += r.messages();
      t[1] += RoundResult.seconds(r.acceptNanos());
      if (r.endToEndNanos().isPresent()) {
        t[2] += RoundResult.seconds(r.endToEndNanos().getAsLong());
      }
    }
    return totals;
  }

  private static void ratio(StringBuilder out, Map<Target, double[]> totals, Target other, double goal) {
    double[] gateway = totals.get(Target.GATEWAY);
    double[] versus = totals.get(other);
    if (gateway == null || versus == null) {
      return;
    }
    double ratio = (gateway[0] / gateway[1]) / (versus[0] / versus[1]);
    out.append("- gateway accepted/s vs ").append(other.label()).append(": ").append(format("%.2f×", ratio))
        .append(" (goal ≥ ").append(format("%.1f×", goal)).append(": ").append(ratio >= goal ? "met" : "not met")
        .append(")\n");
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
