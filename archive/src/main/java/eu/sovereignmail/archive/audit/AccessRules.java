package eu.sovereignmail.archive.audit;

import eu.sovereignmail.archive.search.Actor;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may do what in the legal workflows, as pure decisions (no database): {@code legal-admin} everything,
 * {@code legal} only within cases they are a member of, everyone else nothing. The parts that enforce them
 * ({@link AuditLog}, cases, holds, retention, export) turn a refusal into an audited
 * {@link AccessDeniedException}.
 */
public final class AccessRules {
  /** Works within the cases they are a member of. */
  public static final String LEGAL = "legal";
  /** Everything: all cases, hold release, retention, approvals, the audit log. */
  public static final String LEGAL_ADMIN = "legal-admin";

  private AccessRules() {}

  public static boolean isAdmin(Actor actor) {
    return actor.roles().contains(LEGAL_ADMIN);
  }

  /** {@code legal} or {@code legal-admin}. */
  public static boolean isLegal(Actor actor) {
    return actor.roles().contains(LEGAL) || isAdmin(actor);
  }

  /** The form member names are kept and compared in (Keycloak usernames are case-insensitive). */
  public static String memberName(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /** Why {@code actor} may not do what only {@code legal-admin} may; empty when they may. */
  public static Optional<String> refusalForAdmin(Actor actor) {
    return isAdmin(actor) ? Optional.empty() : Optional.of("only the legal-admin role may do this");
  }

  /** Why {@code actor} may not work with legal records at all; empty when they hold a legal role. */
  public static Optional<String> refusalForLegal(Actor actor) {
    return isLegal(actor) ? Optional.empty() : Optional.of("only the legal and legal-admin roles may do this");
  }

  /**
   * Why {@code actor} may not work within a case with these members; empty for {@code legal-admin} and for a
   * {@code legal} member.
   */
  public static Optional<String> refusalForCase(Actor actor, Collection<String> members) {
    if (isAdmin(actor)) {
      return Optional.empty();
    }
    if (!actor.roles().contains(LEGAL)) {
      return refusalForLegal(actor);
    }
    String name = memberName(actor.name());
    return members.stream().map(AccessRules::memberName).anyMatch(name::equals)
        ? Optional.empty()
        : Optional.of("not a member of this case");
  }
}
