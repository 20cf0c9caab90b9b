package eu.sovereignmail.archive.audit;

import java.util.List;

/** One page of audit entries, newest first, with the number of entries matching in all. */
public record AuditPage(long total, int page, int pageSize, List<AuditEntry> entries) {
  public AuditPage {
    entries = List.copyOf(entries);
  }
}
