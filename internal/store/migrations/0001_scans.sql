-- One schema for SQLite and PostgreSQL: portable types only, times as Unix
-- milliseconds, JSON as TEXT. Later migrations add tables (batches,
-- batch_items) beside these.
CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE tokens (
    hash        TEXT PRIMARY KEY, -- SHA-256 of the token; the token itself is never stored
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,    -- 'api' or 'session'
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT            -- NULL: does not expire
);
CREATE INDEX tokens_user ON tokens(user_id);

CREATE TABLE scans (
    id          TEXT PRIMARY KEY,
    owner       TEXT NOT NULL,    -- users.id, or 'local' when the server runs without accounts
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    format      TEXT NOT NULL,
    size        BIGINT NOT NULL,
    role        TEXT NOT NULL,
    doc_type    TEXT NOT NULL,
    score       DOUBLE PRECISION, -- NULL when the document is not a contract
    grade       TEXT NOT NULL,
    findings    INTEGER NOT NULL,
    created_at  BIGINT NOT NULL,
    report      TEXT NOT NULL,    -- the v1 JSON report
    document    TEXT NOT NULL,    -- the text and block layout the report page shows
    blob        TEXT NOT NULL     -- key of the uploaded file in the blob store
);
CREATE INDEX scans_owner_created ON scans(owner, created_at);
CREATE INDEX scans_created ON scans(created_at);
