-- Continuity routes: one rule per domain or recipient, and the append-only history of every change.
-- Names carry a gateway_ prefix because the gateway may share a database with other schemas.
-- Keys are stored in lower case by the application; utf8mb4_bin keeps them exactly as written.

CREATE TABLE gateway_route_rule (
  scope       VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  rule_key    VARCHAR(320)  NOT NULL,
  route       VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  changed_by  VARCHAR(320)  NOT NULL,
  changed_at  DATETIME(6)   NOT NULL,
  reason      TEXT          NOT NULL,
  CONSTRAINT pk_gateway_route_rule PRIMARY KEY (scope, rule_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Only ever inserted into: one row per put or remove, with the route before and after (NULL when absent).
CREATE TABLE gateway_route_history (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  at            DATETIME(6)   NOT NULL,
  scope         VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  rule_key      VARCHAR(320)  NOT NULL,
  route_before  VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NULL,
  route_after   VARCHAR(16)   CHARACTER SET ascii COLLATE ascii_bin NULL,
  changed_by    VARCHAR(320)  NOT NULL,
  reason        TEXT          NOT NULL,
  PRIMARY KEY (id),
  INDEX ix_gateway_route_history_key (scope, rule_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
