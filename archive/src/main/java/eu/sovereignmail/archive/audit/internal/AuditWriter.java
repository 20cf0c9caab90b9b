package eu.sovereignmail.archive.audit.internal;

import eu.sovereignmail.archive.audit.AuditEntry;
import java.sql.SQLException;

/** Records audit entries for one actor inside an open transaction, so a change and its record commit together. */
@FunctionalInterface
public interface AuditWriter {
  AuditEntry record(String action, String target, String detail) throws SQLException;
}
