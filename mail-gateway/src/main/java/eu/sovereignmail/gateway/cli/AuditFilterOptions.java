package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.archive.audit.AuditQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** Which audit entries {@code archive audit list} and {@code archive audit export} take, as command-line options. */
final class AuditFilterOptions {
  @Option(names = "--actor", paramLabel = "NAME", description = "Only this actor (exact, e.g. lea or cli:root).")
  String actor;

  @Option(names = "--action", paramLabel = "ACTION",
      description = "Only this action (exact, e.g. export.start), or every action starting with it when it ends in a dot"
          + " (e.g. purge.).")
  String action;

  @Option(names = "--target", paramLabel = "TARGET", description = "Only this target (exact, e.g. case:3, message:42).")
  String target;

  @Option(names = "--since", paramLabel = "WHEN",
      description = "Entries at or after this day (YYYY-MM-DD, from 00:00 UTC) or instant (2026-05-01T08:00:00Z).")
  String since;

  @Option(names = "--until", paramLabel = "WHEN",
      description = "Entries before this day (YYYY-MM-DD: up to the end of that day, UTC) or instant.")
  String until;

  /** The query on page 1 with {@code pageSize} entries; bad dates or ranges are an {@link IllegalArgumentException}. */
  AuditQuery query(int pageSize) {
    return new AuditQuery(blankToNull(actor), blankToNull(action), blankToNull(target), instant("--since", since, false),
        instant("--until", until, true), 1, pageSize);
  }

  /**
   * {@code text} as an instant: an ISO-8601 instant as is, a day as its start (or, for an exclusive upper bound,
   * the start of the next day, so that {@code --until 2026-05-01} includes that day); null stays null.
   */
  static Instant instant(String option, String text, boolean endOfDay) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + ": not a day (YYYY-MM-DD) or an instant (YYYY-MM-DDTHH:MM:SSZ): " + value);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
