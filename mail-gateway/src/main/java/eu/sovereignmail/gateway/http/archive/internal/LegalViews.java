package eu.sovereignmail.gateway.http.archive.internal;

import eu.sovereignmail.archive.audit.AuditEntry;
import eu.sovereignmail.archive.audit.AuditPage;
import eu.sovereignmail.archive.audit.AuditVerifyReport;
import eu.sovereignmail.archive.cases.LegalCase;
import eu.sovereignmail.archive.export.ExportProgress;
import eu.sovereignmail.archive.holds.Hold;
import eu.sovereignmail.archive.retention.DueSummary;
import eu.sovereignmail.archive.retention.PurgeOutcome;
import eu.sovereignmail.archive.retention.PurgeProposal;
import eu.sovereignmail.archive.retention.RetentionPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The JSON shapes of the legal endpoints under {@code /api/archive} (cases, holds, retention, purges, exports, audit):
 * times as ISO-8601 UTC strings, enums in lower case, absent values as null; kept apart from the archive's records.
 */
public final class LegalViews {
  private LegalViews() {}

  public record SavedSearchView(long id, String name, String query, String createdBy, String createdAt) {}

  public record NoteView(long id, String author, String at, String text) {}

  public record CaseView(long id, String name, String description, String status, String createdBy, String createdAt,
      List<String> members, List<String> custodians, List<SavedSearchView> savedSearches, List<NoteView> notes) {}

  public record HoldView(long id, long caseId, String kind, String address, String from, String to, String query,
      String placedBy, String placedAt, String releasedBy, String releasedAt, String releaseReason, boolean active) {}

  public record PolicyView(long id, String scope, String target, String keep, String createdBy, String createdAt) {}

  public record DueView(long policyId, long due, String computedAt) {}

  public record ProposalView(long id, Long policyId, String reason, String status, String proposedBy,
      String proposedAt, String decidedBy, String decidedAt, String decisionNote, String executedAt, int messages,
      int purged, int skippedHeld) {}

  public record OutcomeView(long proposalId, int purged, int skippedHeld, int alreadyGone, int blobsDeleted) {}

  public record ApprovalView(ProposalView proposal, OutcomeView outcome) {}

  public record ExportView(long id, long caseId, String format, String status, int total, int done, int missing,
      int percent, String requestedBy, String requestedAt, String finishedAt, Long bytes, String sha256, String error,
      String download) {}

  public record AuditEntryView(long seq, String at, String actor, List<String> roles, String origin, String action,
      String target, String detail, String prevHash, String hash) {}

  public record AuditPageView(long total, int page, int size, List<AuditEntryView> entries) {}

  public record BreakView(long seq, String kind, String reason) {}

  public record VerifyView(long entriesChecked, boolean clean, BreakView firstBreak) {}

  public static CaseView legalCase(LegalCase c) {
    return new CaseView(c.id(), c.name(), c.description(), lower(c.status()), c.createdBy(), time(c.createdAt()),
        c.members(), c.custodians(),
        c.savedSearches().stream().map(s -> new SavedSearchView(s.id(), s.name(), s.query(), s.createdBy(),
            time(s.createdAt()))).toList(),
        c.notes().stream().map(n -> new NoteView(n.id(), n.author(), time(n.at()), n.text())).toList());
  }

  public static HoldView hold(Hold h) {
    return new HoldView(h.id(), h.caseId(), lower(h.kind()), h.address(), day(h.from()), day(h.to()), h.query(),
        h.placedBy(), time(h.placedAt()), h.releasedBy(), time(h.releasedAt()), h.releaseReason(), h.active());
  }

  public static PolicyView policy(RetentionPolicy p) {
    return new PolicyView(p.id(), lower(p.scope()), p.target(), p.keep().toString(), p.createdBy(), time(p.createdAt()));
  }

  public static DueView due(DueSummary d) {
    return new DueView(d.policyId(), d.due(), time(d.computedAt()));
  }

  public static ProposalView proposal(PurgeProposal p) {
    return new ProposalView(p.id(), p.policyId().orElse(null), p.reason(), lower(p.status()), p.proposedBy(),
        time(p.proposedAt()), p.decidedBy().orElse(null), p.decidedAt().map(Instant::toString).orElse(null),
        p.decisionNote().orElse(null), p.executedAt().map(Instant::toString).orElse(null), p.messages(), p.purged(),
        p.skippedHeld());
  }

  public static OutcomeView outcome(PurgeOutcome o) {
    return new OutcomeView(o.proposalId(), o.purged(), o.skippedHeld(), o.alreadyGone(), o.blobsDeleted());
  }

  /** An export's state; {@code download} is the API path of its file once it is done. */
  public static ExportView export(ExportProgress e, String download) {
    return new ExportView(e.id(), e.caseId(), lower(e.format()), lower(e.status()), e.total(), e.done(), e.missing(),
        e.percent(), e.requestedBy(), time(e.requestedAt()), e.finishedAt().map(Instant::toString).orElse(null),
        e.bytes().orElse(null), e.sha256().orElse(null), e.error().orElse(null),
        e.status() == ExportProgress.Status.DONE ? download : null);
  }

  public static AuditEntryView entry(AuditEntry e) {
    return new AuditEntryView(e.seq(), time(e.at()), e.actor(), e.roles(), e.origin(), e.action(), e.target(),
        e.detail(), e.prevHash(), e.hash());
  }

  public static AuditPageView auditPage(AuditPage page) {
    return new AuditPageView(page.total(), page.page(), page.pageSize(),
        page.entries().stream().map(LegalViews::entry).toList());
  }

  public static VerifyView verify(AuditVerifyReport report) {
    return new VerifyView(report.entriesChecked(), report.clean(), report.firstBreak()
        .map(b -> new BreakView(b.seq(), b.kind().name(), b.reason())).orElse(null));
  }

  private static String lower(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }

  private static String time(Instant at) {
    return at == null ? null : at.toString();
  }

  private static String day(LocalDate day) {
    return day == null ? null : day.toString();
  }
}
