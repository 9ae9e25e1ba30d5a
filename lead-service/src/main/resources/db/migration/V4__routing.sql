-- Routing and assignment (issue 3): agent groups with their rotation state, per-tenant ordered routing rules
-- with one catch-all each, agents' availability (vacation pauses), and every assignment decision with its reason.

CREATE TABLE agent_group (
    id             uuid         PRIMARY KEY,
    tenant_id      varchar(64)  NOT NULL REFERENCES tenant (id),
    name           varchar(200) NOT NULL,
    strategy       varchar(32)  NOT NULL CHECK (strategy IN ('round-robin', 'weighted-round-robin')),
    -- round-robin cursor: the member who got the last lead (routing state, not configuration: no version bump)
    last_agent_id  varchar(64),
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL,
    version        bigint       NOT NULL,
    UNIQUE (tenant_id, name)
);

CREATE TABLE agent_group_member (
    id             uuid         PRIMARY KEY,
    group_id       uuid         NOT NULL REFERENCES agent_group (id) ON DELETE CASCADE,
    user_id        varchar(64)  NOT NULL REFERENCES agent (user_id),
    weight         integer      NOT NULL CHECK (weight >= 1),
    position       integer      NOT NULL,
    -- smooth weighted round robin (nginx): the member's running "current weight"
    current_weight bigint       NOT NULL DEFAULT 0,
    UNIQUE (group_id, user_id)
);
CREATE INDEX agent_group_member_user ON agent_group_member (user_id);

CREATE TABLE routing_rule (
    id              uuid          PRIMARY KEY,
    tenant_id       varchar(64)   NOT NULL REFERENCES tenant (id),
    name            varchar(200)  NOT NULL,
    -- 1-based evaluation order; the catch-all always has the highest
    position        integer       NOT NULL,
    catch_all       boolean       NOT NULL DEFAULT false,
    sources         text[]        NOT NULL DEFAULT '{}',
    lead_types      text[]        NOT NULL DEFAULT '{}',
    price_min       numeric(14, 2),
    price_max       numeric(14, 2),
    -- stored as the admin typed them (trimmed); matching ignores case (and spaces in postal codes)
    postal_codes    text[]        NOT NULL DEFAULT '{}',
    cities          text[]        NOT NULL DEFAULT '{}',
    property_types  text[]        NOT NULL DEFAULT '{}',
    target_agent_id varchar(64)   REFERENCES agent (user_id),
    target_group_id uuid          REFERENCES agent_group (id),
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    version         bigint        NOT NULL,
    CHECK (target_agent_id IS NULL OR target_group_id IS NULL),
    -- only the catch-all may point nowhere (its first state: leads stay unassigned for an admin to triage)
    CHECK (catch_all OR target_agent_id IS NOT NULL OR target_group_id IS NOT NULL),
    CHECK (price_min IS NULL OR price_max IS NULL OR price_min <= price_max)
);
CREATE INDEX routing_rule_tenant_position ON routing_rule (tenant_id, position, id);
-- one catch-all per tenant; creating it on first use is an INSERT ... ON CONFLICT DO NOTHING against this index
CREATE UNIQUE INDEX routing_rule_catch_all ON routing_rule (tenant_id) WHERE catch_all;
CREATE INDEX routing_rule_target_group ON routing_rule (target_group_id);

CREATE TABLE agent_availability (
    user_id      varchar(64)  PRIMARY KEY REFERENCES agent (user_id),
    tenant_id    varchar(64)  NOT NULL,
    paused       boolean      NOT NULL,
    -- a pause ends by itself at this instant (null: until switched off)
    paused_until timestamptz,
    updated_by   varchar(64)  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    version      bigint       NOT NULL
);

CREATE TABLE assignment_decision (
    id                uuid          PRIMARY KEY,
    tenant_id         varchar(64)   NOT NULL,
    lead_id           uuid          NOT NULL REFERENCES lead (id),
    -- the rule and group as they were named at decision time (rules and groups change or go away later)
    rule_id           uuid,
    rule_name         varchar(200),
    group_id          uuid,
    group_name        varchar(200),
    agent_id          varchar(64),
    previous_agent_id varchar(64),
    team_id           varchar(64),
    method            varchar(32)   NOT NULL
        CHECK (method IN ('manual', 'direct', 'round-robin', 'weighted-round-robin', 'unassigned')),
    reason            varchar(1000) NOT NULL,
    assigned_by       varchar(128)  NOT NULL,
    actor_id          varchar(64),
    lead_version      bigint        NOT NULL,
    decided_at        timestamptz   NOT NULL,
    CHECK ((method = 'unassigned') = (agent_id IS NULL))
);
CREATE INDEX assignment_decision_lead ON assignment_decision (lead_id, decided_at DESC, id DESC);
