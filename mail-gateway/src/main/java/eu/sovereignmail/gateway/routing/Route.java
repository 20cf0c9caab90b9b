package eu.sovereignmail.gateway.routing;

import eu.sovereignmail.gateway.spool.Destination;
import java.util.Set;

/** Where a local recipient's mail goes while an institution migrates off (or is cut off by) its legacy provider. */
public enum Route {
  /** James, on infrastructure the institution controls. */
  SOVEREIGN(Set.of(Destination.JAMES)),
  /** The legacy provider's inbound smart host. */
  LEGACY(Set.of(Destination.LEGACY)),
  /** Both: the legacy provider stays primary and James shadows it while mailboxes migrate. */
  DUAL(Set.of(Destination.JAMES, Destination.LEGACY));

  private final Set<Destination> destinations;

  Route(Set<Destination> destinations) {
    this.destinations = destinations;
  }

  /** The destinations a copy must reach before the recipient is done. */
  public Set<Destination> destinations() {
    return destinations;
  }
}
