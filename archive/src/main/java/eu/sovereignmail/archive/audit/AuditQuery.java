package eu.sovereignmail.archive.audit;

import java.time.Instant;

/**
 * Which audit entries to list or export. {@code null} filters match everything.
 *
 * @param actor exact actor name
 * @param action exact action, or every action starting with it when it ends with {@code .} (e.g. {@code purge.})
 * @param target exact target (e.g. {@code case:3})
 * @param from entries at or after this instant
 * @param until entries strictly before this instant
 * @param page from 1 (lists only; an export takes every match)
 * @param pageSize 1 to {@link #MAX_PAGE_SIZE}
 */
public record AuditQuery(String actor, String action, String target, Instant from, Instant until, int page,
    int pageSize) {
  /** Largest page. */
  public static final int MAX_PAGE_SIZE = 500;

  public AuditQuery {
    if (page < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("page starts at 1 and pageSize is 1 to " + MAX_PAGE_SIZE);
    }
    if (from != null && until != null && !from.isBefore(until)) {
      throw new IllegalArgumentException("from must be before until");
    }
  }

  /** Everything, newest first, the first {@code pageSize} entries. */
  public static AuditQuery all(int pageSize) {
    return new AuditQuery(null, null, null, null, null, 1, pageSize);
  }

  /** This query on another page. */
  public AuditQuery page(int newPage) {
    return new AuditQuery(actor, action, target, from, until, newPage, pageSize);
  }
}
