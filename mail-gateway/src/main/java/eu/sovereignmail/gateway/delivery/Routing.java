package eu.sovereignmail.gateway.delivery;

import eu.sovereignmail.gateway.routing.Route;
import eu.sovereignmail.gateway.smtp.SmtpReply;
import java.time.Duration;
import java.util.Optional;

/** The two questions delivery asks continuity routing: where a recipient goes now, and whether to fail it over. */
public interface Routing {
  /** Every local recipient to James, nothing to the legacy provider: the gateway without continuity routes. */
  Routing ALL_SOVEREIGN = new Routing() {
    @Override
    public Optional<Route> routeFor(String address) {
      return Optional.of(Route.SOVEREIGN);
    }

    @Override
    public boolean failover(String address, SmtpReply legacyReply, Duration failingFor) {
      return false;
    }
  };

  /** The route of a local recipient; empty when the address is not ours (it leaves for the internet). */
  Optional<Route> routeFor(String address);

  /**
   * Told that the legacy provider did not take {@code address}'s copy ({@code legacyReply}: its refusal, or a local
   * 4xx when it could not be reached) while the message has waited {@code failingFor}. Returns true when the
   * recipient now routes SOVEREIGN: the failover was decided, persisted and alerted.
   */
  boolean failover(String address, SmtpReply legacyReply, Duration failingFor);
}
