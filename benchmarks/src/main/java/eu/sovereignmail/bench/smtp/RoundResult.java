package eu.sovereignmail.bench.smtp;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What one round against one server measured: the time smtp-source needed until the last message was answered
 * (accepted/s = messages / that time), how many were already in James at that moment, when James held all of them
 * (end to end, from the start of the round), and the spool's mean group-commit batch for the gateway.
 */
public record RoundResult(String round, Target target, int messages, long acceptNanos, OptionalLong inJamesAtLastAccept,
    OptionalLong endToEndNanos, OptionalDouble meanCommitBatch) {

  public double acceptedPerSecond() {
    return messages / seconds(acceptNanos);
  }

  public OptionalDouble endToEndPerSecond() {
    return endToEndNanos.isPresent() ? OptionalDouble.of(messages / seconds(endToEndNanos.getAsLong()))
        : OptionalDouble.empty();
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
