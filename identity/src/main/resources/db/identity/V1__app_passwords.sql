-- App passwords: per-device secrets for IMAP and SMTP, stored only as Argon2id hashes (PHC strings).
-- Names carry an identity_ prefix because the database is shared with the gateway, the archive and others.
-- Revoked rows are kept (revoked_at, revoked_by) so that who revoked what stays visible; only active rows are loaded.

CREATE TABLE identity_app_password (
  id            CHAR(10)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  username      VARCHAR(320)  NOT NULL,
  email         VARCHAR(320)  NOT NULL,
  label         VARCHAR(64)   NOT NULL,
  hash          VARCHAR(255)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at    DATETIME(6)   NOT NULL,
  created_by    VARCHAR(320)  NOT NULL,
  last_used_at  DATETIME(6)   NULL,
  revoked_at    DATETIME(6)   NULL,
  revoked_by    VARCHAR(320)  NULL,
  CONSTRAINT pk_identity_app_password PRIMARY KEY (id),
  INDEX ix_identity_app_password_user (username, revoked_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per user that has ever had an app password: locked (SELECT ... FOR UPDATE) while a password is added, so
-- that the per-user limit holds across gateways sharing the database.
CREATE TABLE identity_app_password_owner (
  username      VARCHAR(320)  NOT NULL,
  CONSTRAINT pk_identity_app_password_owner PRIMARY KEY (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
