package eu.sovereignmail.archive.holds.internal;

import eu.sovereignmail.archive.holds.Hold;
import eu.sovereignmail.archive.holds.HoldKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, without a database, which archived messages active holds cover: custodian holds by the message's
 * addresses and dates, query holds by the ids the index found, and (while any query hold is active) every
 * message with a journal copy the index has not taken in yet, because its absence from the query's answer
 * proves nothing.
 */
public final class HoldMatcher {
  private HoldMatcher() {}

  /**
   * What a hold is matched against for one archived message.
   *
   * @param addresses header From, To, Cc, envelope senders and recipients of every copy, lower case
   * @param dates the Date header (if readable) and every copy's receipt time
   * @param lastEntrySeq the highest journal sequence among the message's copies
   */
  public record Subject(long id, Set<String> addresses, List<Instant> dates, long lastEntrySeq) {
    public Subject {
      addresses = Set.copyOf(addresses);
      dates = List.copyOf(dates);
    }
  }

  /**
   * The ids of {@code subjects} that {@code activeHolds} cover.
   *
   * @param queryMatches every id any active query hold's query finds
   * @param indexedThrough the journal sequence the index has taken in
   */
  public static Set<Long> held(Collection<Hold> activeHolds, Collection<Subject> subjects, Set<Long> queryMatches,
      long indexedThrough) {
    List<Hold> custodian = activeHolds.stream().filter(h -> h.active() && h.kind() == HoldKind.CUSTODIAN).toList();
    boolean queryHolds = activeHolds.stream().anyMatch(h -> h.active() && h.kind() == HoldKind.QUERY);
    Set<Long> held = new HashSet<>();
    for (Subject subject : subjects) {
      boolean covered = queryHolds && (queryMatches.contains(subject.id()) || subject.lastEntrySeq() > indexedThrough);
      for (int i = 0; !covered && i < custodian.size(); i++) {
        covered = covers(custodian.get(i), subject);
      }
      if (covered) {
        held.add(subject.id());
      }
    }
    return held;
  }

  /** True when custodian hold {@code hold} covers {@code subject}: the address is on it and a date is in range. */
  static boolean covers(Hold hold, Subject subject) {
    if (!subject.addresses().contains(hold.address())) {
      return false;
    }
    if (hold.from() == null && hold.to() == null) {
      return true;
    }
    return subject.dates().stream().anyMatch(date -> within(date, hold.from(), hold.to()));
  }

  private static boolean within(Instant date, LocalDate from, LocalDate to) {
    return (from == null || !date.isBefore(from.atStartOfDay(ZoneOffset.UTC).toInstant()))
        && (to == null || date.isBefore(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
  }
}
