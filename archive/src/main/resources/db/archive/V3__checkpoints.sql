-- Signed checkpoints of the journal chain: each names an entry (seq) and its hash, signed with the
-- archive's Ed25519 checkpoint key (kept in a file, never here). verify checks every signature against
-- the trusted keys and that the chain still passes through each checkpoint.

CREATE TABLE journal_checkpoint (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  seq         BIGINT        NOT NULL,
  entry_hash  CHAR(64)      CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at  DATETIME(6)   NOT NULL,
  sig_version INT           NOT NULL,
  key_id      VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  public_key  VARCHAR(128)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  signature   VARCHAR(128)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  PRIMARY KEY (id),
  INDEX ix_journal_checkpoint_seq (seq)
) ENGINE=InnoDB;
