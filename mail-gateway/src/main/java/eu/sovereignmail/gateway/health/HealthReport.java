package eu.sovereignmail.gateway.health;

import java.util.LinkedHashMap;
import java.util.Map;

/** The state of every component at one moment; healthy only when all are up. */
public record HealthReport(Map<String, ComponentState> components) {
  public HealthReport {
    components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  public boolean healthy() {
    return !components.isEmpty() && components.values().stream().allMatch(ComponentState::up);
  }

  /** The JSON body of {@code /health}: overall status plus one object per component. */
  public Map<String, Object> toJson() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", healthy() ? "up" : "down");
    Map<String, Object> parts = new LinkedHashMap<>();
    components.forEach((name, state) -> {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("status", state.status());
      if (!state.up()) {
        part.put("detail", state.detail());
      }
      parts.put(name, part);
    });
    body.put("components", parts);
    return body;
  }
}
