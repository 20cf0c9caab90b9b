package eu.sovereignmail.archive.cases;

import eu.sovereignmail.archive.audit.AccessDeniedException;
import eu.sovereignmail.archive.search.Actor;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cases (matters): create, read, change, with their members, custodians, saved searches and notes. The rules
 * are enforced here: {@code legal-admin} may do everything on every case, a {@code legal} user only within cases
 * they are a member of (and may create cases, becoming their first member), anyone else nothing. A refusal is
 * recorded as {@code access.denied} and thrown as {@link AccessDeniedException}; every change is recorded
 * ({@code case.create}, {@code case.update}) in the same transaction as the change.
 *
 * <p>Bad input is an {@link IllegalArgumentException} naming the field; a query that does not parse, a
 * {@link eu.sovereignmail.archive.search.QuerySyntaxException}; an unknown case, {@link CaseNotFoundException}
 * (to {@code legal-admin}; others are refused).
 */
public interface Cases {
  /** Longest case name. */
  int MAX_NAME = 200;
  /** Longest description or note. */
  int MAX_TEXT = 10_000;

  /** A new open case; its creator is its first member. Names are unique (case-insensitively). */
  LegalCase create(Actor actor, String name, String description);

  LegalCase get(Actor actor, long caseId);

  /** Every case for {@code legal-admin}; the cases they are a member of for {@code legal}; newest first. */
  List<LegalCase> list(Actor actor);

  /** Renames, describes, closes or reopens. */
  LegalCase update(Actor actor, long caseId, String name, String description, CaseStatus status);

  LegalCase addMember(Actor actor, long caseId, String username);

  LegalCase removeMember(Actor actor, long caseId, String username);

  LegalCase addCustodian(Actor actor, long caseId, String address);

  LegalCase removeCustodian(Actor actor, long caseId, String address);

  /** Keeps {@code query} (checked by the query parser) under {@code name}, unique within the case. */
  LegalCase saveSearch(Actor actor, long caseId, String name, String query);

  LegalCase removeSearch(Actor actor, long caseId, long savedSearchId);

  LegalCase addNote(Actor actor, long caseId, String text);

  /**
   * Returns when {@code actor} may work within case {@code caseId}; otherwise records {@code access.denied} for
   * {@code action} and throws {@link AccessDeniedException} (or {@link CaseNotFoundException} to
   * {@code legal-admin}). For the other parts (holds, exports) that hang off a case.
   */
  void requireAccess(Actor actor, long caseId, String action);

  /** Whether {@code actor} may work within case {@code caseId} (an existing case); records nothing, refuses nothing. */
  boolean permits(Actor actor, long caseId);

  /**
   * Whose mail {@code actor} may search and read: empty for {@code legal-admin} (all of it) and for callers without
   * a legal role (the HTTP layer refuses them before asking); for a {@code legal} user, the custodian addresses of the
   * open cases they are a member of. A {@code legal} user with none is refused here ({@code access.denied} for
   * {@code action}, thrown as {@link AccessDeniedException}) with a message saying how to get access.
   */
  Optional<Set<String>> custodianScope(Actor actor, String action);

  /**
   * Returns when {@code actor} may read archived message {@code messageId}: always for whom
   * {@link #custodianScope} has no limit; for a {@code legal} user when one of their open cases' custodians sent or
   * received it (header or envelope, any journal copy), and for a message that does not exist (or was purged), so
   * that the caller answers "not found". Otherwise records {@code access.denied} for {@code action} on
   * {@code message:<id>} and throws {@link AccessDeniedException}.
   */
  void requireReadable(Actor actor, long messageId, String action);

  /**
   * The ones of {@code messageIds} that {@code actor} may read (all of them when {@link #custodianScope} has no
   * limit); records nothing for the others. Refuses like {@link #custodianScope} a {@code legal} user without an
   * open case with custodians.
   */
  Set<Long> readable(Actor actor, Collection<Long> messageIds, String action);
}
