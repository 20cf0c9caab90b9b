package eu.sovereignmail.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthTest {
  @Test
  void healthyOnlyWhenEveryComponentIsUp() {
    try (Health health = new Health(Duration.ofSeconds(2))) {
      health.register("mariadb", () -> {}).register("james", () -> {});
      assertThat(health.check().healthy()).isTrue();

      health.register("keycloak", () -> {
        throw new IllegalStateException("connection refused");
      });
      HealthReport report = health.check();
      assertThat(report.healthy()).isFalse();
      assertThat(report.components()).containsOnlyKeys("mariadb", "james", "keycloak");
      assertThat(report.components().get("keycloak").detail()).isEqualTo("connection refused");
    }
  }

  @Test
  void aHangingCheckIsReportedDownWithinTheTimeLimit() {
    try (Health health = new Health(Duration.ofMillis(200))) {
      health.register("gateway", () -> {}).register("james", () -> Thread.sleep(60_000));
      long started = System.nanoTime();
      HealthReport report = health.check();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      assertThat(report.components().get("james").up()).isFalse();
      assertThat(report.components().get("gateway").up()).isTrue();
    }
  }

  @Test
  void emptyIsNotHealthyAndJsonNamesEachComponent() {
    assertThat(new HealthReport(Map.of()).healthy()).isFalse();
    HealthReport report = new HealthReport(Map.of("gateway", ComponentState.ok()));
    assertThat(report.toJson()).containsEntry("status", "up");
    assertThat(report.toJson().get("components")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("gateway");
  }
}
