CREATE TABLE tenant (
    id            varchar(64) PRIMARY KEY,
    first_seen_at timestamptz NOT NULL
);

CREATE TABLE agent (
    user_id      varchar(64)  PRIMARY KEY,
    tenant_id    varchar(64)  NOT NULL REFERENCES tenant (id),
    team_id      varchar(64),
    email        varchar(320),
    display_name varchar(200),
    roles        varchar(200) NOT NULL,
    active       boolean      NOT NULL,
    user_version bigint       NOT NULL,
    updated_at   timestamptz  NOT NULL
);
CREATE INDEX agent_tenant ON agent (tenant_id);

CREATE TABLE lead (
    id                  uuid         PRIMARY KEY,
    tenant_id           varchar(64)  NOT NULL REFERENCES tenant (id),
    first_name          varchar(100),
    last_name           varchar(100),
    email               varchar(320),
    phone               varchar(20),
    source              varchar(32)  NOT NULL,
    type                varchar(16),
    status              varchar(32)  NOT NULL,
    assigned_agent_id   varchar(64),
    team_id             varchar(64),
    timezone            varchar(64),
    created_by          varchar(64)  NOT NULL,
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    score               numeric(5, 2),
    score_tier          varchar(16),
    score_model_version varchar(64),
    scored_at           timestamptz,
    deleted_at          timestamptz,
    version             bigint       NOT NULL
);
CREATE INDEX lead_tenant_assignee ON lead (tenant_id, assigned_agent_id);
CREATE INDEX lead_tenant_team ON lead (tenant_id, team_id);
CREATE INDEX lead_tenant_email ON lead (tenant_id, email);

CREATE TABLE activity (
    id          uuid         PRIMARY KEY,
    tenant_id   varchar(64)  NOT NULL,
    lead_id     uuid         NOT NULL REFERENCES lead (id),
    kind        varchar(48)  NOT NULL,
    summary     varchar(500),
    occurred_at timestamptz  NOT NULL,
    event_id    uuid
);
CREATE INDEX activity_lead ON activity (lead_id, occurred_at DESC);
