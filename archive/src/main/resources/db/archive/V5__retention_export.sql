-- Legal: retention policies, purge proposals approved by a second legal-admin, tombstones of purged
-- messages, and case exports that survive a restart. Journal entries are never deleted: a purge removes
-- the archived message (its rows and index documents) and, when nothing else needs it, its blob; the
-- tombstone keeps what the chain needs to explain the missing blob.

-- How long mail of a domain or a mailbox is kept (ISO-8601 period, e.g. P10Y). A mailbox policy overrides
-- its domain's; a message is due when every policy covering one of its participants has run out.
CREATE TABLE retention_policy (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  scope       VARCHAR(8)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target      VARCHAR(320)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  keep_period VARCHAR(32)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_by  VARCHAR(320)  NOT NULL,
  created_at  DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_retention_policy_target UNIQUE (scope, target)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What the scheduled job last found due, per policy (it never deletes anything).
CREATE TABLE retention_due (
  policy_id    BIGINT       NOT NULL,
  archived_id  BIGINT       NOT NULL,
  computed_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (policy_id, archived_id),
  CONSTRAINT fk_retention_due_policy FOREIGN KEY (policy_id) REFERENCES retention_policy (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- A purge proposed by one legal-admin; executed only after another approved it.
CREATE TABLE purge_proposal (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  policy_id     BIGINT        NULL,
  reason        VARCHAR(2000) NOT NULL,
  status        VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  proposed_by   VARCHAR(320)  NOT NULL,
  proposed_at   DATETIME(6)   NOT NULL,
  decided_by    VARCHAR(320)  NULL,
  decided_at    DATETIME(6)   NULL,
  decision_note VARCHAR(2000) NULL,
  executed_at   DATETIME(6)   NULL,
  purged        INT           NOT NULL DEFAULT 0,
  skipped_held  INT           NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  INDEX ix_purge_proposal_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The archived messages a proposal names; state PENDING, PURGED, HELD (skipped: a hold won) or GONE.
CREATE TABLE purge_item (
  proposal_id  BIGINT       NOT NULL,
  archived_id  BIGINT       NOT NULL,
  state        VARCHAR(8)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (proposal_id, archived_id),
  CONSTRAINT fk_purge_item_proposal FOREIGN KEY (proposal_id) REFERENCES purge_proposal (id)
) ENGINE=InnoDB;

-- One row per blob of a purged archived message: what was there, who proposed and approved, when.
-- blob_deleted stays false while another message (or a journal copy not yet indexed) still needs the blob.
CREATE TABLE purge_tombstone (
  id                 BIGINT        NOT NULL AUTO_INCREMENT,
  proposal_id        BIGINT        NOT NULL,
  archived_id        BIGINT        NOT NULL,
  sha256             CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  message_id         VARCHAR(998)  NULL,
  sent_at            DATETIME(6)   NULL,
  first_received_at  DATETIME(6)   NOT NULL,
  proposed_by        VARCHAR(320)  NOT NULL,
  approved_by        VARCHAR(320)  NOT NULL,
  purged_at          DATETIME(6)   NOT NULL,
  blob_deleted       BOOLEAN       NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_purge_tombstone UNIQUE (archived_id, sha256),
  CONSTRAINT fk_purge_tombstone_proposal FOREIGN KEY (proposal_id) REFERENCES purge_proposal (id),
  INDEX ix_purge_tombstone_sha256 (sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The journal entries whose archived copies were purged (an indexer replaying the journal skips them).
CREATE TABLE purged_entry (
  entry_seq    BIGINT  NOT NULL,
  proposal_id  BIGINT  NOT NULL,
  PRIMARY KEY (entry_seq),
  CONSTRAINT fk_purged_entry_entry FOREIGN KEY (entry_seq) REFERENCES journal_entry (seq),
  CONSTRAINT fk_purged_entry_proposal FOREIGN KEY (proposal_id) REFERENCES purge_proposal (id)
) ENGINE=InnoDB;

-- A case export: its selection is fixed at start (export_item), items are staged one by one, so a restart
-- continues where it stopped; status RUNNING, DONE or FAILED.
CREATE TABLE case_export (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  case_id       BIGINT        NOT NULL,
  format        VARCHAR(8)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  status        VARCHAR(8)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  selection     TEXT          NOT NULL,
  requested_by  VARCHAR(320)  NOT NULL,
  requested_at  DATETIME(6)   NOT NULL,
  total         INT           NOT NULL,
  finished_at   DATETIME(6)   NULL,
  bytes         BIGINT        NULL,
  sha256        CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NULL,
  error         VARCHAR(2000) NULL,
  PRIMARY KEY (id),
  INDEX ix_case_export_case (case_id),
  INDEX ix_case_export_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per message of an export, in output order; what the manifest says is recorded when it is staged.
CREATE TABLE case_export_item (
  export_id     BIGINT        NOT NULL,
  position      INT           NOT NULL,
  archived_id   BIGINT        NOT NULL,
  state         VARCHAR(8)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  sha256        CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NULL,
  size_bytes    BIGINT        NULL,
  message_id    VARCHAR(998)  NULL,
  message_date  DATETIME(6)   NULL,
  from_address  VARCHAR(512)  NULL,
  recipients    MEDIUMTEXT    NULL,
  entry_hash    CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NULL,
  PRIMARY KEY (export_id, position),
  CONSTRAINT fk_case_export_item_export FOREIGN KEY (export_id) REFERENCES case_export (id),
  INDEX ix_case_export_item_state (export_id, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
