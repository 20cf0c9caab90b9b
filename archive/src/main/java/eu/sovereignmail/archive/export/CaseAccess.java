package eu.sovereignmail.archive.export;

import eu.sovereignmail.archive.search.Actor;

/**
 * Whether an actor may work within a case (legal-admins: every case; legal: the cases they are a member
 * of). Exports ask it on every call, so the HTTP layer cannot forget it; the cases part answers it.
 */
@FunctionalInterface
public interface CaseAccess {
  boolean permits(Actor actor, long caseId);
}
