package eu.sovereignmail.archive.holds;

import java.util.Collection;
import java.util.Set;

/**
 * Which archived messages a legal hold protects, asked by the purge side right before it deletes anything,
 * so holds always win over retention.
 */
@FunctionalInterface
public interface HoldCheck {
  /** The ids among {@code archivedMessageIds} that at least one active hold covers. */
  Set<Long> held(Collection<Long> archivedMessageIds);
}
