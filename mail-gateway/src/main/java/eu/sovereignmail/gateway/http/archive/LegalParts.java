package eu.sovereignmail.gateway.http.archive;

import eu.sovereignmail.archive.Archive;
import eu.sovereignmail.archive.audit.AuditLog;
import eu.sovereignmail.archive.cases.Cases;
import eu.sovereignmail.archive.export.Exports;
import eu.sovereignmail.archive.holds.Holds;
import eu.sovereignmail.archive.retention.Retention;
import java.util.Objects;

/**
 * The archive's legal workflows as the API and the UI call them (each call audited and access-checked by the
 * archive itself), handed around as one value instead of five constructor arguments.
 */
public record LegalParts(AuditLog audit, Cases cases, Holds holds, Retention retention, Exports exports) {
  public LegalParts {
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(cases, "cases");
    Objects.requireNonNull(holds, "holds");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(exports, "exports");
  }

  /** The parts of an open archive. */
  public static LegalParts of(Archive archive) {
    return new LegalParts(archive.audit(), archive.cases(), archive.holds(), archive.retention(), archive.exports());
  }
}
