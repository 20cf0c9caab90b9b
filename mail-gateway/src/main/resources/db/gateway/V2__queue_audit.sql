-- Operator actions on the spool (deletes), written before the action happens. Times are UTC.
CREATE TABLE queue_audit (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  at         DATETIME(6)   NOT NULL,
  actor      VARCHAR(255)  NOT NULL,
  action     VARCHAR(32)   NOT NULL,
  entry_id   CHAR(36)      NOT NULL,
  sender     VARCHAR(512)  NOT NULL,
  recipients TEXT          NOT NULL,
  size_bytes BIGINT        NOT NULL,
  reason     VARCHAR(1000) NOT NULL,
  PRIMARY KEY (id),
  KEY queue_audit_entry (entry_id),
  KEY queue_audit_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
