package eu.sovereignmail.identity.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a reconcile found between Keycloak and the mail backend: the operator's answer to "is James what Keycloak
 * says?" ({@code users sync --dry-run}), and the log of what a real reconcile corrected.
 *
 * @param at when the comparison was made
 * @param applied false for a dry run (nothing changed), true when the differences were corrected
 * @param differences one line per difference, in a stable order
 * @param failures changes the backend refused (empty on a dry run)
 */
public record DriftReport(Instant at, boolean applied, List<Difference> differences, List<String> failures) {

  public DriftReport {
    Objects.requireNonNull(at, "at");
    differences = List.copyOf(differences);
    failures = List.copyOf(failures);
  }

  /** True when Keycloak and the backend agree. */
  public boolean inSync() {
    return differences.stream().allMatch(d -> d.kind() == Kind.RETAINED);
  }

  public List<Difference> of(Kind kind) {
    return differences.stream().filter(d -> d.kind() == kind).toList();
  }

  /** What kind of difference; the first three are the questions an operator asks first. */
  public enum Kind {
    /** A Keycloak user in a managed domain without a mailbox. */
    MISSING_IN_JAMES,
    /** A mailbox in a managed domain that no Keycloak user, team mailbox or retained account explains (reported only). */
    NOT_IN_KEYCLOAK,
    /** An alias Keycloak asks for that the backend lacks, or the backend has and Keycloak does not. */
    ALIAS,
    /** The user's quota differs. */
    QUOTA,
    /** A distribution list's members differ from its group's. */
    LIST_MEMBER,
    /** A shared mailbox's members differ from its group's. */
    SHARED_MEMBER,
    /** A domain the backend does not serve yet. */
    DOMAIN,
    /** A user deleted in Keycloak whose mailbox is handled per the deletion policy. */
    DELETED,
    /** A mailbox kept after its user was deleted in Keycloak (policy KEEP): expected, listed for completeness. */
    RETAINED
  }

  /**
   * One difference.
   *
   * @param kind what kind
   * @param subject the address concerned (user, alias owner, list or mailbox)
   * @param detail what differs, e.g. {@code +alias@example.eu} (Keycloak has it, the backend not) or {@code -old@…}
   */
  public record Difference(Kind kind, String subject, String detail) {
    public Difference {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(subject, "subject");
      detail = detail == null ? "" : detail;
    }
  }
}
