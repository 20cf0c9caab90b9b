package eu.sovereignmail.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShutdownTest {
  @Test
  void stopsNewestFirstOnceAndKeepsGoingPastFailures() {
    List<String> stopped = new ArrayList<>();
    Shutdown shutdown = new Shutdown();
    shutdown.register("mariadb", () -> stopped.add("mariadb"));
    shutdown.register("keycloak", () -> {
      stopped.add("keycloak");
      throw new IllegalStateException("slow to die");
    });
    shutdown.register("james", () -> stopped.add("james"));

    shutdown.closeAll();
    shutdown.closeAll();

    assertThat(stopped).containsExactly("james", "keycloak", "mariadb");
  }

  @Test
  void aPartStartedAfterShutdownBeganIsStoppedAtOnce() {
    List<String> stopped = new ArrayList<>();
    Shutdown shutdown = new Shutdown();
    shutdown.closeAll();

    boolean kept = shutdown.register("late", () -> stopped.add("late"));

    assertThat(kept).isFalse();
    assertThat(stopped).containsExactly("late");
    assertThat(shutdown.isClosed()).isTrue();
  }
}
