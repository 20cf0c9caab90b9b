-- Search metadata: one archived message per Message-ID (or per blob when there is none). Journal copies
-- of the same message (other recipients, other directions) merge onto it; each copy is listed once.
-- Written by the indexer that follows the journal; the index itself lives in Lucene (or Elasticsearch).

CREATE TABLE archived_message (
  id                 BIGINT        NOT NULL AUTO_INCREMENT,
  dedup_key          CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  message_id         VARCHAR(998)  NULL,
  message_ref        BIGINT        NOT NULL,
  blob_sha256        CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  sent_at            DATETIME(6)   NULL,
  first_received_at  DATETIME(6)   NOT NULL,
  from_address       VARCHAR(512)  NULL,
  from_name          VARCHAR(512)  NULL,
  subject            VARCHAR(998)  NOT NULL,
  size_bytes         BIGINT        NOT NULL,
  direction          VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  has_attachments    BOOLEAN       NOT NULL,
  malformed          BOOLEAN       NOT NULL,
  problems           VARCHAR(2000) NULL,
  copies             INT           NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_archived_message_dedup UNIQUE (dedup_key),
  CONSTRAINT fk_archived_message_message FOREIGN KEY (message_ref) REFERENCES message (id),
  INDEX ix_archived_message_sent_at (sent_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Header (TO, CC) and envelope (ENVELOPE: every RCPT TO of every copy, merged) recipients.
CREATE TABLE archived_recipient (
  archived_ref  BIGINT        NOT NULL,
  kind          VARCHAR(8)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  address       VARCHAR(512)  NOT NULL,
  display_name  VARCHAR(512)  NOT NULL,
  PRIMARY KEY (archived_ref, kind, address),
  CONSTRAINT fk_archived_recipient_message FOREIGN KEY (archived_ref) REFERENCES archived_message (id),
  INDEX ix_archived_recipient_address (address)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE archived_attachment (
  archived_ref  BIGINT        NOT NULL,
  position      INT           NOT NULL,
  file_name     VARCHAR(512)  NULL,
  media_type    VARCHAR(255)  NOT NULL,
  size_bytes    BIGINT        NOT NULL,
  sha256        CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (archived_ref, position),
  CONSTRAINT fk_archived_attachment_message FOREIGN KEY (archived_ref) REFERENCES archived_message (id),
  INDEX ix_archived_attachment_sha256 (sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Which journal entries make up each archived message (one row per entry, so a replay is a no-op).
CREATE TABLE archived_copy (
  entry_seq     BIGINT        NOT NULL,
  archived_ref  BIGINT        NOT NULL,
  message_ref   BIGINT        NOT NULL,
  direction     VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  received_at   DATETIME(6)   NOT NULL,
  PRIMARY KEY (entry_seq),
  CONSTRAINT fk_archived_copy_entry FOREIGN KEY (entry_seq) REFERENCES journal_entry (seq),
  CONSTRAINT fk_archived_copy_archived FOREIGN KEY (archived_ref) REFERENCES archived_message (id),
  CONSTRAINT fk_archived_copy_message FOREIGN KEY (message_ref) REFERENCES message (id),
  INDEX ix_archived_copy_archived (archived_ref)
) ENGINE=InnoDB;

-- How far each index has followed the journal (one row per index consumer: a local Lucene index per
-- node, or one shared Elasticsearch index).
CREATE TABLE index_state (
  consumer    VARCHAR(128)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  last_seq    BIGINT        NOT NULL,
  updated_at  DATETIME(6)   NOT NULL,
  PRIMARY KEY (consumer)
) ENGINE=InnoDB;
