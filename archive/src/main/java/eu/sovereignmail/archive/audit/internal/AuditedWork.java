package eu.sovereignmail.archive.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** A change to legal records made in one transaction together with its audit entries. */
@FunctionalInterface
public interface AuditedWork<T> {
  T run(Connection connection, AuditWriter audit) throws SQLException;
}
