package eu.sovereignmail.gateway.health;

import java.util.Objects;

/** Whether one component is up, with the reason when it is not. */
public record ComponentState(boolean up, String detail) {
  public ComponentState {
    Objects.requireNonNull(detail, "detail");
  }

  public static ComponentState ok() {
    return new ComponentState(true, "");
  }

  public static ComponentState down(String reason) {
    return new ComponentState(false, reason);
  }

  public String status() {
    return up ? "up" : "down";
  }
}
