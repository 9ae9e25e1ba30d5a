-- notification-service: a copy of the addresses of leads (lead.created/lead.updated) and users (user.created/
-- user.updated), so that a request naming only its recipient (recipient.kind lead or user, as workflow-service sends
-- them) is sent to the current primary email or phone. One row per tenant, kind and id; an older event never
-- overwrites a newer one (version).
CREATE TABLE contact (
    tenant_id   varchar(64)  NOT NULL,
    kind        varchar(10)  NOT NULL,
    ref_id      varchar(128) NOT NULL,
    email       varchar(320),
    phone       varchar(20),
    timezone    varchar(64),
    name        varchar(200),
    deleted     boolean      NOT NULL DEFAULT false,
    version     bigint       NOT NULL,
    updated_at  timestamptz  NOT NULL,
    PRIMARY KEY (tenant_id, kind, ref_id)
);
