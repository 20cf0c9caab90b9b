-- Legal workflows, core: the hash-chained audit log, cases (matters) with members, custodians, saved searches
-- and notes, and legal holds. Retention and exports come in V5.

-- The audit trail: append-only, each entry's hash covers the previous entry's hash (see CanonicalAuditEntry).
-- The application never updates or deletes these rows; an operator may REVOKE UPDATE, DELETE on it.
CREATE TABLE audit_entry (
  seq           BIGINT         NOT NULL,
  at            DATETIME(6)    NOT NULL,
  actor         VARCHAR(320)   NOT NULL,
  roles         VARCHAR(1000)  NOT NULL,
  origin        VARCHAR(128)   NOT NULL,
  action        VARCHAR(64)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target        VARCHAR(512)   NOT NULL,
  detail        TEXT           NOT NULL,
  hash_version  INT            NOT NULL,
  prev_hash     CHAR(64)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  entry_hash    CHAR(64)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (seq),
  INDEX ix_audit_entry_at (at),
  INDEX ix_audit_entry_actor (actor),
  INDEX ix_audit_entry_action (action),
  INDEX ix_audit_entry_target (target)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The one row naming the audit chain's last entry; appenders lock it (SELECT ... FOR UPDATE).
CREATE TABLE audit_head (
  id         SMALLINT  NOT NULL,
  last_seq   BIGINT    NOT NULL,
  last_hash  CHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;

INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, REPEAT('0', 64));

CREATE TABLE legal_case (
  id           BIGINT         NOT NULL AUTO_INCREMENT,
  name         VARCHAR(200)   NOT NULL,
  description  TEXT           NOT NULL,
  status       VARCHAR(8)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_by   VARCHAR(320)   NOT NULL,
  created_at   DATETIME(6)    NOT NULL,
  updated_at   DATETIME(6)    NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_legal_case_name UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who works on a case (user names, lower case). legal users see only the cases they are members of.
CREATE TABLE case_member (
  case_ref   BIGINT        NOT NULL,
  username   VARCHAR(320)  NOT NULL,
  added_by   VARCHAR(320)  NOT NULL,
  added_at   DATETIME(6)   NOT NULL,
  PRIMARY KEY (case_ref, username),
  CONSTRAINT fk_case_member_case FOREIGN KEY (case_ref) REFERENCES legal_case (id),
  INDEX ix_case_member_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Whose mail the case is about (addresses, lower case).
CREATE TABLE case_custodian (
  case_ref   BIGINT        NOT NULL,
  address    VARCHAR(320)  NOT NULL,
  added_by   VARCHAR(320)  NOT NULL,
  added_at   DATETIME(6)   NOT NULL,
  PRIMARY KEY (case_ref, address),
  CONSTRAINT fk_case_custodian_case FOREIGN KEY (case_ref) REFERENCES legal_case (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE case_saved_search (
  id          BIGINT         NOT NULL AUTO_INCREMENT,
  case_ref    BIGINT         NOT NULL,
  name        VARCHAR(200)   NOT NULL,
  query       VARCHAR(2000)  NOT NULL,
  created_by  VARCHAR(320)   NOT NULL,
  created_at  DATETIME(6)    NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_case_saved_search_name UNIQUE (case_ref, name),
  CONSTRAINT fk_case_saved_search_case FOREIGN KEY (case_ref) REFERENCES legal_case (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Notes are never edited or removed: a correction is a new note.
CREATE TABLE case_note (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  case_ref    BIGINT        NOT NULL,
  body        TEXT          NOT NULL,
  author      VARCHAR(320)  NOT NULL,
  created_at  DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_case_note_case FOREIGN KEY (case_ref) REFERENCES legal_case (id),
  INDEX ix_case_note_case (case_ref)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Legal holds: by custodian (address, optional day range, UTC, both ends included) or by query. A hold stays
-- active until released (released_at set), whatever the case's status.
CREATE TABLE legal_hold (
  id              BIGINT         NOT NULL AUTO_INCREMENT,
  case_ref        BIGINT         NOT NULL,
  kind            VARCHAR(16)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  address         VARCHAR(320)   NULL,
  from_day        DATE           NULL,
  to_day          DATE           NULL,
  query           VARCHAR(2000)  NULL,
  placed_by       VARCHAR(320)   NOT NULL,
  placed_at       DATETIME(6)    NOT NULL,
  released_by     VARCHAR(320)   NULL,
  released_at     DATETIME(6)    NULL,
  release_reason  VARCHAR(2000)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_legal_hold_case FOREIGN KEY (case_ref) REFERENCES legal_case (id),
  INDEX ix_legal_hold_case (case_ref),
  INDEX ix_legal_hold_released (released_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
