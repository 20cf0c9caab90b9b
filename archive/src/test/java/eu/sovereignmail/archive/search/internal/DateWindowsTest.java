package eu.sovereignmail.archive.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where the recent windows of a date-sorted search lie, from the index's dates and the matches seen so far. */
class DateWindowsTest {
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  /** 100 messages a day for five years. */
  private static final DateWindows.Span FIVE_YEARS =
      new DateWindows.Span(NOW.minus(Duration.ofDays(5 * 365)), NOW, 182_500, 0);

  @Test
  void theFirstWindowHoldsTwiceThePageWereEveryMessageAMatchAndAtLeastADay() {
    DateWindows windows = DateWindows.of(NOW, FIVE_YEARS);
    assertThat(windows.first(600)).as("2 × 600 / 100 a day").isEqualTo(NOW.minus(Duration.ofDays(12)));
    assertThat(windows.first(20)).as("0.4 days, at least one").isEqualTo(NOW.minus(Duration.ofDays(1)));
  }

  @Test
  void aWindowThatHeldTooFewWidensByTheDensitySeen() {
    DateWindows windows = DateWindows.of(NOW, FIVE_YEARS);
    Instant first = NOW.minus(Duration.ofDays(30));
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
    assertThat(windows.wider(NOW.minus(Duration.ofDays(30)), 1, 10_000)).isNull();
    assertThat(windows.first(100_000)).as("a page deeper than half the index").isNull();
    assertThat(DateWindows.of(NOW, new DateWindows.Span(NOW.minus(Duration.ofHours(20)), NOW, 10, 0)).first(1))
        .as("an index younger than the first window").isNull();
  }

  @Test
  void windowsEndAtTheNewestDateWhenTheArchiveStopsInThePast() {
    Instant newest = Instant.parse("2025-11-01T00:00:00Z");
    DateWindows windows =
        DateWindows.of(NOW, new DateWindows.Span(Instant.parse("2024-01-01T00:00:00Z"), newest, 1_000, 0));
    assertThat(windows.first(20)).as("670 days × 2 × 20 / 1,000").isEqualTo(newest.minusMillis(670L * 86_400_000 * 40 / 1_000));
  }

  @Test
  void futureDatedMessagesDoNotMoveTheWindowsAwayFromNow() {
    DateWindows.Span withFuture =
        new DateWindows.Span(FIVE_YEARS.oldest(), Instant.parse("2037-01-01T00:00:00Z"), 182_500, 9_125);
    assertThat(DateWindows.of(NOW, withFuture).first(20)).isEqualTo(NOW.minus(Duration.ofDays(1)));
  }

  @Test
  void aMassOfFutureDatedMessagesMovesTheEndToTheNewestDate() {
    Instant newest = Instant.parse("2029-09-01T00:00:00Z");
    DateWindows.Span ahead = new DateWindows.Span(FIVE_YEARS.oldest(), newest, 182_500, 9_126);
    assertThat(DateWindows.of(NOW, ahead).end()).isEqualTo(newest);
  }

  @Test
  void anEmptyIndexOrOneDatedOnlyInTheFutureHasNoWindows() {
    assertThat(DateWindows.of(NOW, null).first(20)).isNull();
    assertThat(DateWindows.of(NOW, new DateWindows.Span(NOW, NOW, 5, 0)).first(1)).isNull();
    DateWindows.Span allFuture = new DateWindows.Span(NOW.plusSeconds(60), NOW.plusSeconds(3_600), 5, 5);
    assertThat(DateWindows.of(NOW, allFuture).first(1)).isNull();
  }
}
