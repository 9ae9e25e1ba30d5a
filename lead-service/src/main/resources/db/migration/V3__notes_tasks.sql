-- Notes, tasks and the timeline's read path (issue 3).

-- Notes on a lead; soft-deleted, so the timeline's note-added entry never points at nothing.
CREATE TABLE note (
    id         uuid        PRIMARY KEY,
    tenant_id  varchar(64) NOT NULL,
    lead_id    uuid        NOT NULL REFERENCES lead (id),
    author_id  varchar(64) NOT NULL,
    body       text        NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted_at timestamptz,
    deleted_by varchar(64),
    version    bigint      NOT NULL
);
-- a lead's live notes, newest first (the keyset of GET /leads/{id}/notes)
CREATE INDEX note_lead_newest ON note (lead_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;

-- Tasks: by hand or from a workflow's task.requested command (request_id, at most one task per request).
CREATE TABLE task (
    id           uuid          PRIMARY KEY,
    tenant_id    varchar(64)   NOT NULL,
    lead_id      uuid          REFERENCES lead (id),
    title        varchar(500)  NOT NULL,
    description  varchar(5000),
    task_type    varchar(50),
    due_at       timestamptz   NOT NULL,
    priority     varchar(8)    NOT NULL CHECK (priority IN ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    status       varchar(8)    NOT NULL CHECK (status IN ('OPEN', 'DONE')),
    assignee_id  varchar(64),
    created_by   varchar(128)  NOT NULL,
    created_at   timestamptz   NOT NULL,
    updated_at   timestamptz   NOT NULL,
    completed_at timestamptz,
    completed_by varchar(128),
    outcome      varchar(2000),
    request_id   uuid,
    version      bigint        NOT NULL,
    CONSTRAINT task_request_once UNIQUE (tenant_id, request_id)
);
-- lists are ordered by (due_at, id): "my tasks" (and a team's, one assignee at a time), a lead's, an admin's whole tenant
CREATE INDEX task_assignee_due ON task (tenant_id, assignee_id, due_at, id);
CREATE INDEX task_lead_due ON task (lead_id, due_at, id);
CREATE INDEX task_tenant_due ON task (tenant_id, due_at, id);
-- the app's delta sync (updatedSince)
CREATE INDEX task_tenant_updated ON task (tenant_id, updated_at);

-- The timeline is read newest first with the id as tie-breaker; this index replaces V1's (lead_id, occurred_at DESC).
CREATE INDEX activity_lead_newest ON activity (lead_id, occurred_at DESC, id DESC);
DROP INDEX activity_lead;
