package eu.sovereignmail.gateway.health;

/** One component's answer to "are you serving?", asked by {@code /health}. */
@FunctionalInterface
public interface HealthCheck {
  /** Returns normally when the component is up; throws with a short reason when it is not. */
  void check() throws Exception;
}
