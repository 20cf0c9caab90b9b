-- Operator actions on the spool (deletes), written before the action happens; only ever inserted into.
-- Times are UTC. Recipients are one address per line (an address never holds a line break).

CREATE TABLE gateway_queue_audit (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  at          DATETIME(6)   NOT NULL,
  actor       VARCHAR(320)  NOT NULL,
  action      VARCHAR(32)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  entry_id    CHAR(36)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  sender      VARCHAR(512)  NOT NULL,
  recipients  MEDIUMTEXT    NOT NULL,
  size_bytes  BIGINT        NOT NULL,
  reason      TEXT          NOT NULL,
  PRIMARY KEY (id),
  INDEX ix_gateway_queue_audit_entry (entry_id),
  INDEX ix_gateway_queue_audit_at (at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
