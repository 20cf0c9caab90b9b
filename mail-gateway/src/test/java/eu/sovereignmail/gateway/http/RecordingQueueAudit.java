package eu.sovereignmail.gateway.http;

import eu.sovereignmail.gateway.http.admin.QueueAudit;
import eu.sovereignmail.gateway.http.admin.QueueAuditEntry;
import eu.sovereignmail.gateway.http.admin.QueueAuditException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A queue audit that keeps records in memory and can be made to fail, for the admin API tests. */
public final class RecordingQueueAudit implements QueueAudit {
  private final List<QueueAuditEntry> records = new CopyOnWriteArrayList<>();
  private volatile boolean failing;

  public void failing(boolean failing) {
    this.failing = failing;
  }

  public List<QueueAuditEntry> records() {
    return List.copyOf(records);
  }

  @Override
  public void record(QueueAuditEntry entry) throws QueueAuditException {
    if (failing) {
      throw new QueueAuditException("audit database down", new SQLException("connection refused"));
    }
    records.add(entry);
  }

  @Override
  public List<QueueAuditEntry> recent(int limit) {
    return records.reversed().stream().limit(limit).toList();
  }
}
