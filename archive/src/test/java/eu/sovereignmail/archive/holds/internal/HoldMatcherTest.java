package eu.sovereignmail.archive.holds.internal;

import static org.assertj.core.api.Assertions.assertThat;

import eu.sovereignmail.archive.holds.Hold;
import eu.sovereignmail.archive.holds.HoldKind;
import eu.sovereignmail.archive.holds.internal.HoldMatcher.Subject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HoldMatcherTest {
  private static final Instant PLACED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Subject JAN = new Subject(1, Set.of("alice@example.eu", "bob@example.org"),
      List.of(Instant.parse("2025-01-10T23:59:59Z")), 10);
  private static final Subject MARCH_COPY_IN_APRIL = new Subject(2, Set.of("carol@example.org", "alice@example.eu"),
      List.of(Instant.parse("2025-03-31T10:00:00Z"), Instant.parse("2025-04-02T08:00:00Z")), 20);
  private static final Subject OTHER = new Subject(3, Set.of("dan@example.net"),
      List.of(Instant.parse("2025-01-10T00:00:00Z")), 30);

  @Test
  void noActiveHoldHoldsNothing() {
    Hold released = new Hold(9, 1, HoldKind.CUSTODIAN, "alice@example.eu", null, null, null, "lea", PLACED, "mara",
        PLACED.plusSeconds(60), "matter settled");
    assertThat(HoldMatcher.held(List.of(released), List.of(JAN, MARCH_COPY_IN_APRIL, OTHER), Set.of(), 0)).isEmpty();
  }

  @Test
  void custodianHoldWithoutDatesCoversEveryMessageWithTheAddress() {
    assertThat(HoldMatcher.held(List.of(custodian("alice@example.eu", null, null)), List.of(JAN, MARCH_COPY_IN_APRIL,
        OTHER), Set.of(), 100)).containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  void custodianDatesAreUtcDaysWithBothEndsIncluded() {
    assertThat(HoldMatcher.held(List.of(custodian("alice@example.eu", LocalDate.parse("2025-01-10"),
        LocalDate.parse("2025-01-10"))), List.of(JAN, MARCH_COPY_IN_APRIL), Set.of(), 100)).containsExactly(1L);
    assertThat(HoldMatcher.held(List.of(custodian("alice@example.eu", LocalDate.parse("2025-01-11"), null)),
        List.of(JAN, MARCH_COPY_IN_APRIL), Set.of(), 100)).containsExactly(2L);
    assertThat(HoldMatcher.held(List.of(custodian("alice@example.eu", null, LocalDate.parse("2025-01-09"))),
        List.of(JAN, MARCH_COPY_IN_APRIL), Set.of(), 100)).isEmpty();
    // Any of the message's dates counts: a later journal copy's receipt falls in April.
    assertThat(HoldMatcher.held(List.of(custodian("alice@example.eu", LocalDate.parse("2025-04-01"),
        LocalDate.parse("2025-04-30"))), List.of(JAN, MARCH_COPY_IN_APRIL), Set.of(), 100)).containsExactly(2L);
  }

  @Test
  void queryHoldsHoldWhatTheIndexFoundAndWhatItHasNotSeenYet() {
    Hold query = new Hold(5, 1, HoldKind.QUERY, null, null, null, "budget", "lea", PLACED, null, null, null);
    assertThat(HoldMatcher.held(List.of(query), List.of(JAN, MARCH_COPY_IN_APRIL, OTHER), Set.of(3L), 100))
        .containsExactly(3L);
    assertThat(HoldMatcher.held(List.of(query), List.of(JAN, MARCH_COPY_IN_APRIL, OTHER), Set.of(3L), 15))
        .containsExactlyInAnyOrder(2L, 3L);
    // Without a query hold, the index's progress does not matter.
    assertThat(HoldMatcher.held(List.of(custodian("dan@example.net", null, null)), List.of(JAN, MARCH_COPY_IN_APRIL,
        OTHER), Set.of(), 0)).containsExactly(3L);
  }

  @Test
  void holdsAddUp() {
    Hold query = new Hold(5, 1, HoldKind.QUERY, null, null, null, "x", "lea", PLACED, null, null, null);
    assertThat(HoldMatcher.held(List.of(query, custodian("bob@example.org", null, null)),
        List.of(JAN, MARCH_COPY_IN_APRIL, OTHER), Set.of(2L), 100)).containsExactlyInAnyOrder(1L, 2L);
  }

  private static Hold custodian(String address, LocalDate from, LocalDate to) {
    return new Hold(1, 1, HoldKind.CUSTODIAN, address, from, to, null, "lea", PLACED, null, null, null);
  }
}
