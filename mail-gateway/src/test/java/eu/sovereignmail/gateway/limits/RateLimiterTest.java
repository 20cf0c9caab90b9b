package eu.sovereignmail.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.sovereignmail.identity.auth.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));

  @Test
  void aBurstIsAllowedThenTheRateRefillsOverThePeriod() {
    RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(3), clock);
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();
    assertThat(limiter.tryAcquire("b")).as("keys are independent").isTrue();

    clock.advance(Duration.ofSeconds(59));
    assertThat(limiter.tryAcquire("a")).as("not yet a whole token").isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isFalse();

    clock.advance(Duration.ofHours(1));
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).isTrue();
    assertThat(limiter.tryAcquire("a")).as("refill is capped at the burst").isFalse();
  }

  @Test
  void refilledKeysAreForgotten() {
    RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), clock);
    for (int i = 0; i < 1023; i++) {
      limiter.tryAcquire("client-" + i);
    }
    assertThat(limiter.trackedKeys()).isEqualTo(1023);
    clock.advance(Duration.ofSeconds(2));
    limiter.tryAcquire("one-more");
    assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(1);
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThatThrownBy(() -> new RateLimiter(0, Duration.ofSeconds(1), clock)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(1, Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
  }
}
