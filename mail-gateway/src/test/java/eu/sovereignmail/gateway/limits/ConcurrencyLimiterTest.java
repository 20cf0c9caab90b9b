package eu.sovereignmail.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {
  @Test
  void aKeyHoldsAtMostItsLimitAndAClosedPermitGivesItsSlotBackOnce() {
    ConcurrencyLimiter limiter = new ConcurrencyLimiter(2);
    Optional<ConcurrencyLimiter.Permit> one = limiter.tryAcquire("alice");
    Optional<ConcurrencyLimiter.Permit> two = limiter.tryAcquire("alice");
    assertThat(one).isPresent();
    assertThat(two).isPresent();
    assertThat(limiter.tryAcquire("alice")).isEmpty();
    assertThat(limiter.tryAcquire("bob")).isPresent();

    one.get().close();
    one.get().close();
    assertThat(limiter.open("alice")).isEqualTo(1);
    assertThat(limiter.tryAcquire("alice")).isPresent();
    assertThat(limiter.tryAcquire("alice")).isEmpty();
  }
}
