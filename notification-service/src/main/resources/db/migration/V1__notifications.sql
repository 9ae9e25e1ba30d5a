-- notification-service: deliveries (one per request), their provider attempts, templates, consent, tenant senders.

-- One row per notification request (the request id is the idempotency key end to end). The row is also the
-- durable delivery queue: the worker claims rows whose due_at has come (FOR UPDATE SKIP LOCKED, chassis LeaseTable).
CREATE TABLE notification (
    id                 uuid PRIMARY KEY,
    tenant_id          varchar(64)  NOT NULL,
    request_id         uuid         NOT NULL,
    channel            varchar(10)  NOT NULL,
    category           varchar(20)  NOT NULL,
    recipient_kind     varchar(10)  NOT NULL,
    address            varchar(320),
    recipient_name     varchar(200),
    recipient_timezone varchar(64),
    lead_id            uuid,
    user_id            varchar(128),
    workflow_id        varchar(128),
    enrollment_id      uuid,
    step_id            varchar(128),
    requested_by       varchar(128) NOT NULL,
    template_key       varchar(128),
    template_version   integer,
    locale             varchar(20),
    variables          jsonb,
    subject            varchar(500),
    body               text,
    html_body          text,
    sender             varchar(320),
    status             varchar(20)  NOT NULL,
    hold_reason        varchar(40),
    failure_reason     varchar(40),
    error_code         varchar(100),
    error_message      varchar(2000),
    provider           varchar(50),
    provider_message_id varchar(255),
    attempts           integer      NOT NULL DEFAULT 0,
    not_before         timestamptz,
    due_at             timestamptz  NOT NULL,
    lease_owner        varchar(200),
    lease_expires_at   timestamptz,
    event_version      integer      NOT NULL DEFAULT 0,
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL,
    CONSTRAINT notification_request_unique UNIQUE (tenant_id, request_id)
);
CREATE INDEX notification_ready ON notification (due_at, id) WHERE status IN ('queued', 'held', 'sending');
CREATE INDEX notification_lead ON notification (tenant_id, lead_id, created_at DESC, id DESC);
CREATE INDEX notification_to_address ON notification (channel, address, created_at DESC);
CREATE INDEX notification_provider_message ON notification (provider_message_id);

-- Every provider call: written (outcome 'pending') BEFORE the call and completed after it. A 'pending' row found
-- later means the process died in between: the outcome is reconciled with the provider before any retry.
CREATE TABLE delivery_attempt (
    id                  uuid PRIMARY KEY,
    notification_id     uuid         NOT NULL REFERENCES notification (id),
    attempt_no          integer      NOT NULL,
    provider            varchar(50)  NOT NULL,
    outcome             varchar(20)  NOT NULL,
    provider_message_id varchar(255),
    error_code          varchar(100),
    error_message       varchar(2000),
    started_at          timestamptz  NOT NULL,
    finished_at         timestamptz,
    CONSTRAINT delivery_attempt_no_unique UNIQUE (notification_id, attempt_no)
);

-- Provider status callbacks and inbound messages already applied (a replayed webhook changes nothing).
CREATE TABLE webhook_receipt (
    receipt_key  varchar(300) PRIMARY KEY,
    received_at  timestamptz NOT NULL
);

-- Templates: per tenant, key, channel and locale; every save is a new version (a send records the version used).
CREATE TABLE template (
    id          uuid PRIMARY KEY,
    tenant_id   varchar(64)  NOT NULL,
    template_key varchar(128) NOT NULL,
    channel     varchar(10)  NOT NULL,
    locale      varchar(20)  NOT NULL,
    version     integer      NOT NULL,
    subject     varchar(500),
    text_body   text         NOT NULL,
    html_body   text,
    variables   varchar(4000) NOT NULL, -- declared variable names, comma-separated
    created_by  varchar(128) NOT NULL,
    created_at  timestamptz  NOT NULL,
    CONSTRAINT template_version_unique UNIQUE (tenant_id, template_key, channel, locale, version)
);

-- Opt-outs: per tenant, channel, address and purpose ('marketing': marketing only; 'all': every message).
CREATE TABLE suppression (
    id          uuid PRIMARY KEY,
    tenant_id   varchar(64)  NOT NULL,
    channel     varchar(10)  NOT NULL,
    address     varchar(320) NOT NULL,
    purpose     varchar(20)  NOT NULL,
    source      varchar(30)  NOT NULL,
    keyword     varchar(50),
    lead_id     uuid,
    created_by  varchar(128) NOT NULL,
    created_at  timestamptz  NOT NULL,
    version     integer      NOT NULL DEFAULT 1,
    CONSTRAINT suppression_unique UNIQUE (tenant_id, channel, address, purpose)
);

-- Who added or removed which suppression, when (the suppression list is audited).
CREATE TABLE suppression_audit (
    id          uuid PRIMARY KEY,
    tenant_id   varchar(64)  NOT NULL,
    channel     varchar(10)  NOT NULL,
    address     varchar(320) NOT NULL,
    purpose     varchar(20)  NOT NULL,
    action      varchar(10)  NOT NULL,
    source      varchar(30)  NOT NULL,
    actor       varchar(128) NOT NULL,
    at          timestamptz  NOT NULL
);
CREATE INDEX suppression_audit_tenant ON suppression_audit (tenant_id, at DESC);

-- Sender identities and per-tenant delivery settings; a tenant without a row uses the configured defaults.
CREATE TABLE tenant_settings (
    tenant_id                 varchar(64) PRIMARY KEY,
    email_from                varchar(320),
    sms_from                  varchar(32),
    sms_messaging_service_sid varchar(64),
    help_text                 varchar(500),
    timezone                  varchar(64),
    email_providers           varchar(500),
    sms_providers             varchar(500),
    updated_at                timestamptz NOT NULL
);
CREATE INDEX tenant_settings_sms_from ON tenant_settings (sms_from);
