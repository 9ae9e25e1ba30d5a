-- scoring-service: feature store (an append-only event log per lead), lead state, scores, training sets and runs,
-- the model registry and its audit, the per-tenant scoring policy (label definition and rule points).

-- Every consumed lead-related event, as it happened: features at any cutoff are folded from the events that
-- occurred up to it, so a training row holds only what was known then (point-in-time correct).
CREATE TABLE lead_event (
    id          uuid PRIMARY KEY,            -- the CloudEvents id of the consumed event
    tenant_id   text        NOT NULL,
    lead_id     uuid        NOT NULL,
    type        text        NOT NULL,        -- the event type (topic)
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    payload     text        NOT NULL         -- the event's JSON payload
);
CREATE INDEX lead_event_by_lead ON lead_event (tenant_id, lead_id, occurred_at, id);

-- The latest known state of a lead: visibility (tenant, agent, team) and the population for event-based training.
CREATE TABLE lead_state (
    lead_id           uuid PRIMARY KEY,
    tenant_id         text        NOT NULL,
    assigned_agent_id text,
    team_id           text,
    status            text,
    created_at        timestamptz,
    lead_version      bigint      NOT NULL DEFAULT 0,
    deleted           boolean     NOT NULL DEFAULT false,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX lead_state_by_tenant ON lead_state (tenant_id, created_at);

-- Leads waiting to be scored: one row per lead, pushed back by every new event (debounce).
CREATE TABLE score_request (
    lead_id   uuid PRIMARY KEY,
    tenant_id text        NOT NULL,
    due_at    timestamptz NOT NULL
);
CREATE INDEX score_request_due ON score_request (due_at);

-- The latest score of a lead and the last one published as lead.scored.
CREATE TABLE lead_score (
    lead_id          uuid PRIMARY KEY,
    tenant_id        text             NOT NULL,
    version          bigint           NOT NULL,
    score            double precision NOT NULL,
    tier             text             NOT NULL,
    model_version    text             NOT NULL,
    variant          text,
    fallback         boolean          NOT NULL,
    reasons          text             NOT NULL,
    lead_version     bigint,
    scored_at        timestamptz      NOT NULL,
    published_score  double precision,
    published_tier   text,
    published_model  text
);

-- Uploaded historical training sets (the file is kept so that a run can be repeated and audited).
CREATE TABLE training_set (
    id         uuid PRIMARY KEY,
    tenant_id  text        NOT NULL,
    created_by text        NOT NULL,
    created_at timestamptz NOT NULL,
    file_name  text,
    sha256     text        NOT NULL,
    content    bytea       NOT NULL,
    spec       text        NOT NULL,
    report     text        NOT NULL
);
CREATE INDEX training_set_by_tenant ON training_set (tenant_id, created_at);

CREATE TABLE training_run (
    id               uuid PRIMARY KEY,
    tenant_id        text        NOT NULL,
    source           text        NOT NULL,                 -- training-set | events
    training_set_id  uuid REFERENCES training_set (id),
    allow_leakage    text[]      NOT NULL DEFAULT '{}',
    status           text        NOT NULL,                 -- queued | running | succeeded | failed
    requested_by     text        NOT NULL,
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    attempts         integer     NOT NULL DEFAULT 0,
    result           text,
    error            text,
    model_id         uuid,
    lease_owner      text,
    lease_expires_at timestamptz
);
CREATE INDEX training_run_ready ON training_run (created_at, id) WHERE status IN ('queued', 'running');

-- The registry: every trained model, its bytes, features, window, data hash, metrics and card.
CREATE TABLE model_version (
    id              uuid PRIMARY KEY,
    tenant_id       text        NOT NULL,
    version         integer     NOT NULL,
    name            text        NOT NULL,                  -- e.g. gbt-3
    algorithm       text        NOT NULL,
    status          text        NOT NULL,                  -- candidate | champion | retired
    eligible        boolean     NOT NULL,                  -- passed the minimum-data gate
    training_run_id uuid,
    features        text[]      NOT NULL,
    window_from     text,
    window_to       text,
    data_hash       text        NOT NULL,
    holdout_auc     double precision,
    metrics         text        NOT NULL,
    card            text        NOT NULL,
    model_bytes     bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    promoted_at     timestamptz,
    previous_champion_id uuid,
    UNIQUE (tenant_id, version)
);
CREATE UNIQUE INDEX model_version_one_champion ON model_version (tenant_id) WHERE status = 'champion';

CREATE TABLE model_audit (
    id        uuid PRIMARY KEY,
    tenant_id text        NOT NULL,
    model_id  uuid,
    action    text        NOT NULL,                        -- promoted | rolled-back | auto-promoted | policy-changed
    actor     text        NOT NULL,
    at        timestamptz NOT NULL,
    detail    text
);
CREATE INDEX model_audit_by_tenant ON model_audit (tenant_id, at);

-- Per tenant: which statuses count as converted, within which window, and the rule-based points table.
CREATE TABLE scoring_policy (
    tenant_id  text PRIMARY KEY,
    policy     text        NOT NULL,
    version    bigint      NOT NULL,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL
);
