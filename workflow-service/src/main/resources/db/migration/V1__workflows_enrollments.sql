-- workflow-service: definitions (a draft plus frozen published versions), the lead projection, enrollments with
-- their durable timer (due_at) and lease, and the step history. Platform tables (outbox, inbox, idempotency) come
-- from the chassis (db/platform).

CREATE TABLE workflow (
    id                uuid PRIMARY KEY,
    tenant_id         varchar(64)  NOT NULL,
    name              varchar(200) NOT NULL,
    -- the editable draft, exactly as validated (a JSON document per schemas/workflow-definition.schema.json)
    draft             jsonb        NOT NULL,
    -- the ETag of the workflow: grows with every draft edit and every publish
    revision          bigint       NOT NULL,
    published_version integer,
    -- the trigger of the published version (denormalised so intake finds candidate workflows by index)
    trigger_type      varchar(64),
    status            varchar(16)  NOT NULL,
    template_key      varchar(64),
    created_by        varchar(128) NOT NULL,
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    CONSTRAINT workflow_status_check CHECK (status IN ('active', 'paused'))
);
CREATE INDEX workflow_tenant_list ON workflow (tenant_id, created_at DESC, id DESC);
CREATE INDEX workflow_trigger ON workflow (tenant_id, trigger_type) WHERE published_version IS NOT NULL;
CREATE UNIQUE INDEX workflow_template_once ON workflow (tenant_id, template_key) WHERE template_key IS NOT NULL;

CREATE TABLE workflow_version (
    workflow_id  uuid         NOT NULL REFERENCES workflow (id),
    version      integer      NOT NULL,
    tenant_id    varchar(64)  NOT NULL,
    definition   jsonb        NOT NULL,
    trigger_type varchar(64)  NOT NULL,
    published_by varchar(128) NOT NULL,
    published_at timestamptz  NOT NULL,
    PRIMARY KEY (workflow_id, version)
);

-- what workflow-service knows of a lead, from lead-service's and notification-service's events
CREATE TABLE lead_projection (
    lead_id            uuid PRIMARY KEY,
    tenant_id          varchar(64)  NOT NULL,
    status             varchar(32),
    source             varchar(100),
    tags               text[]       NOT NULL DEFAULT '{}',
    score              double precision,
    tier               varchar(16),
    consent            jsonb,
    fields             jsonb,
    assigned_agent_id  varchar(128),
    team_id            varchar(128),
    time_zone          varchar(64),
    last_activity_at   timestamptz,
    last_activity_type varchar(64),
    replied_at         timestamptz,
    deleted            boolean      NOT NULL DEFAULT false,
    lead_version       bigint       NOT NULL DEFAULT 0,
    score_version      bigint       NOT NULL DEFAULT 0,
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL
);
CREATE INDEX lead_projection_tenant ON lead_projection (tenant_id);

CREATE TABLE enrollment (
    id               uuid PRIMARY KEY,
    tenant_id        varchar(64)  NOT NULL,
    workflow_id      uuid         NOT NULL REFERENCES workflow (id),
    workflow_version integer      NOT NULL,
    lead_id          uuid         NOT NULL,
    state            varchar(16)  NOT NULL,
    current_step_id  varchar(128),
    -- the durable timer: when the current step is next run (null while waiting for an event without timeout)
    due_at           timestamptz,
    -- the event a waitFor step waits for, as its definition says ({"type": "reply"} ...)
    waiting_for      jsonb,
    variant          varchar(64),
    reason           varchar(200),
    -- what the triggering event told (listing key, match reason, ...): template variables of the sends
    context          jsonb,
    -- the reply a waitFor(reply) step consumed: a reply not newer than this does not end the enrollment
    reply_handled_at timestamptz,
    -- the aggregate version of workflow.enrollment-changed; grows with every state change and step
    revision         bigint       NOT NULL,
    steps_done       integer      NOT NULL DEFAULT 0,
    enrolled_by      varchar(128) NOT NULL,
    enrolled_at      timestamptz  NOT NULL,
    ended_at         timestamptz,
    updated_at       timestamptz  NOT NULL,
    lease_owner      varchar(200),
    lease_expires_at timestamptz,
    CONSTRAINT enrollment_state_check CHECK (state IN ('active', 'paused', 'completed', 'exited', 'failed'))
);
-- at most one open enrollment per workflow and lead (the intake inserts with ON CONFLICT DO NOTHING on it)
CREATE UNIQUE INDEX enrollment_open_once ON enrollment (workflow_id, lead_id) WHERE state IN ('active', 'paused');
-- the timer wheel: due active enrollments, claimed FOR UPDATE SKIP LOCKED in due order
CREATE INDEX enrollment_due ON enrollment (due_at) WHERE state = 'active' AND due_at IS NOT NULL;
CREATE INDEX enrollment_open_by_lead ON enrollment (lead_id) WHERE state IN ('active', 'paused');
CREATE INDEX enrollment_by_lead ON enrollment (workflow_id, lead_id);
CREATE INDEX enrollment_tenant_list ON enrollment (tenant_id, enrolled_at DESC, id DESC);

CREATE TABLE step_execution (
    enrollment_id uuid         NOT NULL REFERENCES enrollment (id),
    seq           integer      NOT NULL,
    tenant_id     varchar(64)  NOT NULL,
    step_id       varchar(128) NOT NULL,
    step_type     varchar(16)  NOT NULL,
    outcome       varchar(64)  NOT NULL,
    detail        varchar(500),
    -- the idempotency key of the step's effect (notification.requested / task.requested / lead.update-requested)
    request_id    uuid,
    executed_at   timestamptz  NOT NULL,
    PRIMARY KEY (enrollment_id, seq)
);
