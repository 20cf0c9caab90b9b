package eu.sovereignmail.archive.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where the recent windows of a date-sorted search lie, from the index's dates and the matches seen so far. */
class DateWindowsTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final DateWindows.Span FIVE_YEARS = new DateWindows.Span(NOW.minus(Duration.ofDays(5 * 365)), NOW);

  @Test
  void theFirstWindowIsThirtyDaysBeforeNow() {
    assertThat(DateWindows.of(NOW, FIVE_YEARS).first()).isEqualTo(NOW.minus(Duration.ofDays(30)));
  }

  @Test
  void aWindowThatHeldTooFewWidensByTheDensitySeen() {
    DateWindows windows = DateWindows.of(NOW, FIVE_YEARS);
    Instant first = windows.first();
    // 30 days held 10 matches, 60 are wanted: 2 × 30 × 60 / 10 = 360 days.
    assertThat(windows.wider(first, 10, 60)).isEqualTo(NOW.minus(Duration.ofDays(360)));
    // 30 days held 50 of 60 wanted: 2 × 30 × 60 / 50 = 72 days.
    assertThat(windows.wider(first, 50, 60)).isEqualTo(NOW.minus(Duration.ofDays(72)));
    // Nothing in 30 days: eight times as wide.
    assertThat(windows.wider(first, 0, 60)).isEqualTo(NOW.minus(Duration.ofDays(240)));
  }

  @Test
  void aWindowReachingTheOldestDateIsTheWholeIndex() {
    DateWindows windows = DateWindows.of(NOW, FIVE_YEARS);
    assertThat(windows.wider(NOW.minus(Duration.ofDays(240)), 0, 20)).as("1,920 days > 5 years").isNull();
    assertThat(windows.wider(windows.first(), 1, 10_000)).isNull();
    assertThat(DateWindows.of(NOW, new DateWindows.Span(NOW.minus(Duration.ofDays(20)), NOW)).first())
        .as("an index younger than the first window").isNull();
  }

  @Test
  void windowsEndAtTheNewestDateWhenTheArchiveStopsInThePast() {
    Instant newest = Instant.parse("2025-11-01T00:00:00Z");
    DateWindows windows = DateWindows.of(NOW, new DateWindows.Span(Instant.parse("2024-01-01T00:00:00Z"), newest));
    assertThat(windows.first()).isEqualTo(newest.minus(Duration.ofDays(30)));
  }

  @Test
  void futureDatedMessagesDoNotMoveTheWindowsAwayFromNow() {
    DateWindows.Span withFuture = new DateWindows.Span(FIVE_YEARS.oldest(), Instant.parse("2037-01-01T00:00:00Z"));
    assertThat(DateWindows.of(NOW, withFuture).first()).isEqualTo(NOW.minus(Duration.ofDays(30)));
  }

  @Test
  void anEmptyIndexOrOneDatedOnlyInTheFutureHasNoWindows() {
    assertThat(DateWindows.of(NOW, null).first()).isNull();
    assertThat(DateWindows.of(NOW, new DateWindows.Span(NOW, NOW)).first()).isNull();
    DateWindows.Span allFuture = new DateWindows.Span(NOW.plusSeconds(60), NOW.plusSeconds(3_600));
    assertThat(DateWindows.of(NOW, allFuture).first()).isNull();
  }
}
