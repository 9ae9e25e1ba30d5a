-- Platform tables every service database has (platform/chassis). Services number their own migrations from V1.

-- Transactional outbox, in the column shape Debezium's Outbox Event Router expects, plus the CloudEvents
-- attributes it places as Kafka headers (see deploy/connect/*.json).
CREATE TABLE outbox_event (
    id            uuid         PRIMARY KEY,
    aggregatetype varchar(255) NOT NULL,
    aggregateid   varchar(255) NOT NULL,
    type          varchar(255) NOT NULL,
    payload       jsonb        NOT NULL,
    source        varchar(255) NOT NULL,
    specversion   varchar(8)   NOT NULL DEFAULT '1.0',
    content_type  varchar(64)  NOT NULL DEFAULT 'application/json',
    occurred_at   timestamptz  NOT NULL,
    tenant_id     varchar(64),
    traceparent   varchar(128)
);
CREATE INDEX outbox_event_occurred_at ON outbox_event (occurred_at);

-- Debezium streams only this table: the publication has the same name in every service database.
CREATE PUBLICATION crm_outbox FOR TABLE outbox_event;

-- Inbox: the events each handler has applied, written in the transaction of the handler's effect.
CREATE TABLE consumed_event (
    event_id    uuid         NOT NULL,
    handler     varchar(128) NOT NULL,
    event_type  varchar(255) NOT NULL,
    source      varchar(255),
    consumed_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, handler)
);

-- Idempotency-Key of creates: the resource the first request made.
CREATE TABLE idempotency_record (
    tenant_id    varchar(64)  NOT NULL,
    scope        varchar(64)  NOT NULL,
    idem_key     varchar(255) NOT NULL,
    request_hash char(64)     NOT NULL,
    resource_id  varchar(255) NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, scope, idem_key)
);
