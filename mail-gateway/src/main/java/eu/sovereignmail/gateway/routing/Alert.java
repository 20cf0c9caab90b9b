package eu.sovereignmail.gateway.routing;

import java.time.Instant;
import java.util.Objects;

/**
 * Something an admin must hear about now, e.g. a recipient failed over from the legacy provider to James. {@code kind}
 * is a stable machine word ({@code failover}); {@code subject} the address or domain concerned.
 */
public record Alert(Instant at, String kind, String subject, String summary, String detail) {
  public Alert {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(summary, "summary");
    detail = detail == null ? "" : detail;
  }
}
