-- Historical CSV import (issue 3): an admin uploads a previous CRM's export with a column mapping; a background
-- worker imports it in batches. Everything a worker needs to (re)start a job lives here, not on a pod's disk, so
-- any instance can pick a job up and a crash resumes from the last committed batch.

CREATE TABLE lead_import_job (
    id               uuid          PRIMARY KEY,
    tenant_id        varchar(64)   NOT NULL REFERENCES tenant (id),
    created_by       varchar(64)   NOT NULL,
    -- queued: waiting for a worker; running: a worker holds the lease; completed / failed: final
    status           varchar(16)   NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    file_name        varchar(255),
    file_bytes       bigint        NOT NULL,
    file_sha256      char(64),
    -- the file's header row, and the validated mapping (JSON) the worker applies to every row
    headers          text[]        NOT NULL,
    mapping          text          NOT NULL,
    -- data rows in the file (null until the worker has counted them), and what happened to those done so far
    total_rows       integer,
    processed_rows   integer       NOT NULL DEFAULT 0,
    created_rows     integer       NOT NULL DEFAULT 0,
    merged_rows      integer       NOT NULL DEFAULT 0,
    failed_rows      integer       NOT NULL DEFAULT 0,
    skipped_rows     integer       NOT NULL DEFAULT 0,
    -- the last row number (the header is row 1) whose effects are committed; committed with each batch, so a
    -- resumed job skips exactly the rows already imported
    checkpoint_row   integer       NOT NULL DEFAULT 1,
    -- the worker that holds the job and until when; a lease that runs out (a crashed worker) frees the job
    lease_owner      varchar(128),
    lease_expires_at timestamptz,
    attempts         integer       NOT NULL DEFAULT 0,
    failure_reason   varchar(1000),
    created_at       timestamptz   NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz   NOT NULL,
    version          bigint        NOT NULL DEFAULT 0
);
-- the tenant's jobs, newest first
CREATE INDEX lead_import_job_tenant ON lead_import_job (tenant_id, created_at DESC, id DESC);
-- what workers poll: only unfinished jobs are in this index
CREATE INDEX lead_import_job_runnable ON lead_import_job (created_at, id) WHERE status IN ('queued', 'running');

-- The uploaded file, in chunks of about 1 MiB, streamed in at upload and out by the worker (never whole in
-- memory); deleted when the job ends.
CREATE TABLE lead_import_file_chunk (
    job_id uuid    NOT NULL REFERENCES lead_import_job (id) ON DELETE CASCADE,
    seq    integer NOT NULL,
    data   bytea   NOT NULL,
    PRIMARY KEY (job_id, seq)
);

-- The per-row error report: one entry per rejected row with every problem found in it and the row as it was
-- read, so the report can be downloaded as CSV, fixed and imported again.
CREATE TABLE lead_import_row_error (
    job_id     uuid     NOT NULL REFERENCES lead_import_job (id) ON DELETE CASCADE,
    row_number integer  NOT NULL,
    -- [{"column": "Phone", "field": "phone", "message": "..."}]
    problems   jsonb    NOT NULL,
    raw_values text[]   NOT NULL,
    PRIMARY KEY (job_id, row_number)
);
