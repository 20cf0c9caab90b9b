-- The journal's storage core: distinct messages (one per blob), journal entries in one hash chain,
-- their envelope recipients, and the chain head row that appenders lock to extend the chain one at a time.

CREATE TABLE message (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  sha256      CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  size_bytes  BIGINT        NOT NULL,
  first_seen  DATETIME(6)   NOT NULL,
  message_id  VARCHAR(998)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_message_sha256 UNIQUE (sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE journal_entry (
  seq                 BIGINT        NOT NULL,
  spool_record_id     VARCHAR(128)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  message_ref         BIGINT        NOT NULL,
  mail_from           VARCHAR(512)  NOT NULL,
  direction           VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  client_ip           VARCHAR(64)   NULL,
  authenticated_user  VARCHAR(320)  NULL,
  gateway_node        VARCHAR(128)  NOT NULL,
  received_at         DATETIME(6)   NOT NULL,
  journaled_at        DATETIME(6)   NOT NULL,
  hash_version        INT           NOT NULL,
  prev_hash           CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  entry_hash          CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (seq),
  CONSTRAINT uk_journal_entry_spool_record UNIQUE (spool_record_id),
  CONSTRAINT fk_journal_entry_message FOREIGN KEY (message_ref) REFERENCES message (id),
  INDEX ix_journal_entry_received_at (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Every RCPT TO of an entry, in order (BCC recipients are only here). utf8mb4_bin keeps what was hashed.
CREATE TABLE journal_recipient (
  entry_seq  BIGINT        NOT NULL,
  position   INT           NOT NULL,
  address    VARCHAR(512)  NOT NULL,
  PRIMARY KEY (entry_seq, position),
  CONSTRAINT fk_journal_recipient_entry FOREIGN KEY (entry_seq) REFERENCES journal_entry (seq),
  INDEX ix_journal_recipient_address (address)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE chain_head (
  id         SMALLINT  NOT NULL,
  last_seq   BIGINT    NOT NULL,
  last_hash  CHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;

INSERT INTO chain_head (id, last_seq, last_hash) VALUES (1, 0, REPEAT('0', 64));
