package eu.sovereignmail.gateway.cli;

import eu.sovereignmail.archive.search.Actor;
import java.util.Set;

/**
 * The person behind an {@code archive} command line, as the archive's audit log records them: the system account
 * ({@code cli:<user>}), origin {@code cli}, with the legal roles (whoever can read the archive's key files can read
 * everything anyway, so the command line does not pretend otherwise).
 */
final class LegalOperator {
  /** The roles the local operator acts with. */
  static final Set<String> ROLES = Set.of("legal", "legal-admin");

  private LegalOperator() {}

  /** The local operator as an archive actor. */
  static Actor actor() {
    return new Actor("cli:" + System.getProperty("user.name", "operator"), ROLES, Actor.CLI);
  }
}
