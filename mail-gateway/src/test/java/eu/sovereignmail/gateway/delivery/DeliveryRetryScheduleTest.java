package eu.sovereignmail.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryRetryScheduleTest {
  private final RetrySchedule defaults = RetrySchedule.defaults();

  @Test
  void doublesFromOneMinuteAndStopsAtOneHour() {
    assertThat(defaults.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(defaults.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(defaults.delayAfter(6)).isEqualTo(Duration.ofMinutes(32));
    assertThat(defaults.delayAfter(7)).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.delayAfter(10_000)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theLastAttemptIsAtTheDeadlineAndNothingAfterIt() {
    Instant received = Instant.parse("2026-01-01T00:00:00Z");
    Instant almostExpired = received.plus(Duration.ofDays(5)).minusSeconds(10);
    assertThat(defaults.nextAttempt(received, 3, received.plusSeconds(1))).contains(received.plusSeconds(1 + 240));
    assertThat(defaults.nextAttempt(received, 50, almostExpired)).contains(received.plus(Duration.ofDays(5)));
    assertThat(defaults.nextAttempt(received, 51, received.plus(Duration.ofDays(5)))).isEmpty();
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofHours(1), Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetrySchedule(Duration.ofHours(2), Duration.ofHours(1), Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
