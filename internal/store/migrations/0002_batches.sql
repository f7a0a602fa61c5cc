-- Batches (internal/queue): many documents scanned as one job, on an
-- in-process pool (SQLite) or by River workers on any number of machines
-- (PostgreSQL). River's own tables are created by its migrator, on
-- PostgreSQL only.
CREATE TABLE batches (
    id          TEXT PRIMARY KEY,
    owner       TEXT NOT NULL,
    name        TEXT NOT NULL,
    total       INTEGER NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX batches_owner_created ON batches(owner, created_at);

CREATE TABLE batch_items (
    id          TEXT PRIMARY KEY,
    batch_id    TEXT NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,          -- order within the batch
    name        TEXT NOT NULL,             -- upload name, or path under the batch's folder
    sha256      TEXT NOT NULL,
    size        BIGINT NOT NULL,
    status      TEXT NOT NULL,             -- queued, running, retrying, done, failed
    attempts    INTEGER NOT NULL DEFAULT 0,
    worker      TEXT NOT NULL DEFAULT '',  -- who ran the last attempt
    error_code  TEXT NOT NULL DEFAULT '',  -- fault kind of the last error
    error       TEXT NOT NULL DEFAULT '',  -- the last error, in words
    doc_type    TEXT NOT NULL DEFAULT '',
    score       DOUBLE PRECISION,
    grade       TEXT NOT NULL DEFAULT '',
    findings    INTEGER NOT NULL DEFAULT 0,
    report      TEXT,                      -- the v1 JSON report once done
    scan_id     TEXT,                      -- a scans row made from this item, if any
    job_id      BIGINT,                    -- river_job.id (PostgreSQL)
    completions INTEGER NOT NULL DEFAULT 0, -- results recorded; exactly 1 once final
    updated_at  BIGINT NOT NULL
);
CREATE INDEX batch_items_batch ON batch_items(batch_id, seq);
CREATE INDEX batch_items_status ON batch_items(status);

-- The document bytes travel through the database so that a worker on
-- another machine can read them; a row is removed once its item is final.
-- BYTEA is PostgreSQL's binary type; SQLite stores the bound blob as is.
CREATE TABLE batch_files (
    item_id     TEXT PRIMARY KEY REFERENCES batch_items(id) ON DELETE CASCADE,
    data        BYTEA NOT NULL
);
