/** Hosts the workstation manages, their trusted keys, facts, encrypted secrets and the audit log. */
export default `
CREATE TABLE hosts (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  address       TEXT NOT NULL,
  port          INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
  user          TEXT NOT NULL,
  auth_json     TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  UNIQUE (address, port, user)
);

CREATE TABLE host_keys (
  host_id       TEXT PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
  key_type      TEXT NOT NULL,
  fingerprint   TEXT NOT NULL,
  trusted_at    TEXT NOT NULL
);

CREATE TABLE host_facts (
  host_id       TEXT PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
  facts_json    TEXT NOT NULL,
  probed_at     TEXT NOT NULL
);

CREATE TABLE host_secrets (
  host_id       TEXT PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
  backend       TEXT NOT NULL,
  ciphertext    BLOB NOT NULL
);

CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  at            TEXT NOT NULL,
  action        TEXT NOT NULL,
  host_id       TEXT,
  result        TEXT NOT NULL CHECK (result IN ('ok', 'error')),
  details_json  TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
`;
