/** Clusters (desired and last applied model), applies, and the persisted per-host command queues. */
export default `
CREATE TABLE clusters (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  desired_json  TEXT NOT NULL,
  applied_json  TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE applies (
  id            TEXT PRIMARY KEY,
  cluster_id    TEXT REFERENCES clusters(id) ON DELETE SET NULL,
  title         TEXT NOT NULL,
  plan_hash     TEXT NOT NULL,
  plan_json     TEXT NOT NULL,
  model_json    TEXT,
  created_at    TEXT NOT NULL,
  finished_at   TEXT,
  result        TEXT CHECK (result IN ('ok', 'error', 'cancelled'))
);

CREATE TABLE queue_items (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  host_id       TEXT NOT NULL,
  apply_id      TEXT REFERENCES applies(id) ON DELETE CASCADE,
  step_id       TEXT NOT NULL,
  step_json     TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed', 'skipped', 'cancelled')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,
  outcome       TEXT,
  next_retry_at INTEGER,
  created_at    TEXT NOT NULL,
  started_at    TEXT,
  finished_at   TEXT
);
CREATE INDEX queue_items_host ON queue_items(host_id, id);
CREATE INDEX queue_items_apply ON queue_items(apply_id);

CREATE TABLE queue_runs (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id       INTEGER NOT NULL REFERENCES queue_items(id) ON DELETE CASCADE,
  attempt       INTEGER NOT NULL,
  phase         TEXT NOT NULL CHECK (phase IN ('check', 'file', 'command', 'verify', 'connect')),
  command       TEXT NOT NULL,
  exit_code     INTEGER,
  stdout        TEXT NOT NULL DEFAULT '',
  stderr        TEXT NOT NULL DEFAULT '',
  started_at    TEXT NOT NULL,
  duration_ms   INTEGER
);
CREATE INDEX queue_runs_item ON queue_runs(item_id);
`;
