package eu.sovereignmail.archive.holds;

import java.util.Collection;
import java.util.Set;

/**
 * What a purge asks before deleting anything: which of these archived messages are under an active legal hold.
 * Holds always win, so the answer errs on the side of holding (e.g. a message the index has not taken in yet
 * counts as held while a query hold is active).
 */
@FunctionalInterface
public interface HoldCheck {
  /** The ids among {@code archivedMessageIds} (archive ids, as in search hits) that an active hold covers. */
  Set<Long> held(Collection<Long> archivedMessageIds);
}
