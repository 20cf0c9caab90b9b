package eu.sovereignmail.archive.holds;

import eu.sovereignmail.archive.audit.AccessDeniedException;
import eu.sovereignmail.archive.search.Actor;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Legal holds on a case, and the {@link HoldCheck} purges consult. Placing a hold is protective, so any member of
 * an open case may do it ({@code hold.place}); releasing one re-exposes mail to purges, so only
 * {@code legal-admin} may ({@code hold.release}, with a reason). Everyone else is refused with an audited
 * {@link AccessDeniedException}.
 *
 * <p>A custodian hold covers every archived message whose header From, To or Cc, envelope sender or any envelope
 * recipient (every journal copy's) is the address, and, with dates, whose Date header or any copy's receipt falls
 * within the days (UTC, both included). A query hold covers everything the query finds in the index, envelope
 * fields included; messages the index has not taken in yet count as held while a query hold is active.
 */
public interface Holds extends HoldCheck {
  /** Holds all mail to or from {@code address}, optionally only within the days {@code from} to {@code to}. */
  Hold placeCustodianHold(Actor actor, long caseId, String address, Optional<LocalDate> from, Optional<LocalDate> to);

  /** Holds everything {@code query} (checked by the query parser) finds, now and as mail arrives. */
  Hold placeQueryHold(Actor actor, long caseId, String query);

  /** Ends an active hold; {@code legal-admin} only, with a reason. */
  Hold release(Actor actor, long holdId, String reason);

  /** The case's holds, active and released, oldest first. */
  List<Hold> list(Actor actor, long caseId);
}
