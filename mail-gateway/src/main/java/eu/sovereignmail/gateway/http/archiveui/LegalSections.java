package eu.sovereignmail.gateway.http.archiveui;

import eu.sovereignmail.gateway.http.archive.LegalParts;
import eu.sovereignmail.gateway.http.archiveui.internal.ApprovalsSection;
import eu.sovereignmail.gateway.http.archiveui.internal.AuditSection;
import eu.sovereignmail.gateway.http.archiveui.internal.CasesSection;
import java.util.List;

/**
 * The legal workflow pages of the UI (cases with holds and exports, approvals, audit log) as the sections
 * {@link ArchiveUi} takes after search, so the wiring names one thing.
 */
public final class LegalSections {
  private LegalSections() {}

  /** Cases (both legal roles), approvals and the audit log (legal-admin), in navigation order. */
  public static List<UiSection> all(LegalParts legal) {
    return List.of(new CasesSection(legal), new ApprovalsSection(legal), new AuditSection(legal));
  }
}
