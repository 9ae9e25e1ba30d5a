-- Recurring segment sweeps (trigger type "schedule"): one row per workflow and window, opened by whichever instance
-- sees the window first (the unique key makes that once across replicas), then walked in lead-id order in batches.
-- The cursor moves in the batch's transaction with the enrollments it made, so a crash mid-sweep resumes after the
-- last committed batch and every lead is considered once per window.
CREATE TABLE workflow_sweep (
    id               uuid PRIMARY KEY,
    tenant_id        varchar(64) NOT NULL,
    workflow_id      uuid        NOT NULL REFERENCES workflow (id),
    workflow_version integer     NOT NULL,
    window_start     timestamptz NOT NULL,
    state            varchar(16) NOT NULL,
    -- the last lead id considered (leads are walked in id order); null before the first batch
    after_lead_id    uuid,
    considered       integer     NOT NULL DEFAULT 0,
    enrolled         integer     NOT NULL DEFAULT 0,
    opened_at        timestamptz NOT NULL,
    finished_at      timestamptz,
    lease_owner      varchar(200),
    lease_expires_at timestamptz,
    CONSTRAINT workflow_sweep_state_check CHECK (state IN ('running', 'done')),
    CONSTRAINT workflow_sweep_once UNIQUE (workflow_id, window_start)
);
CREATE INDEX workflow_sweep_running ON workflow_sweep (opened_at) WHERE state = 'running';

-- when the lead was created at lead-service (lead.created's occurredAt): "N days after the lead arrived" filters
ALTER TABLE lead_projection ADD COLUMN lead_created_at timestamptz;
-- the sweep's walk: a tenant's live leads in id order
CREATE INDEX lead_projection_tenant_walk ON lead_projection (tenant_id, lead_id) WHERE NOT deleted;

-- What became of a send step's message (notification.delivered / notification.failed, matched by the request id):
-- sent, delivered or failed; the per-step funnel of the analytics counts them
ALTER TABLE step_execution ADD COLUMN delivery varchar(16);
ALTER TABLE step_execution ADD COLUMN delivery_at timestamptz;
ALTER TABLE step_execution ADD COLUMN delivery_detail varchar(200);
ALTER TABLE step_execution ADD CONSTRAINT step_execution_delivery_check CHECK (delivery IN ('sent', 'delivered', 'failed'));
CREATE INDEX step_execution_request ON step_execution (request_id) WHERE request_id IS NOT NULL;
