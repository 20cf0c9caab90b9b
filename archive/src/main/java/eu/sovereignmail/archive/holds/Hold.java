package eu.sovereignmail.archive.holds;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A legal hold on a case: archived mail it covers is excluded from every purge while it is active (until
 * released by a {@code legal-admin}, whatever the case's status).
 *
 * @param address for {@link HoldKind#CUSTODIAN}: the custodian (lower case); else {@code null}
 * @param from for {@link HoldKind#CUSTODIAN}: first day covered (UTC), or {@code null} for no lower bound
 * @param to for {@link HoldKind#CUSTODIAN}: last day covered (UTC, included), or {@code null} for no upper bound
 * @param query for {@link HoldKind#QUERY}: the query (the search's language, envelope fields included); else {@code null}
 * @param releasedBy {@code null} while active
 * @param releasedAt {@code null} while active
 * @param releaseReason {@code null} while active
 */
public record Hold(long id, long caseId, HoldKind kind, String address, LocalDate from, LocalDate to, String query,
    String placedBy, Instant placedAt, String releasedBy, Instant releasedAt, String releaseReason) {
  /** True until released. */
  public boolean active() {
    return releasedAt == null;
  }
}
