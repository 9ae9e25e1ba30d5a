-- property-sync-service: MLS providers, the listings they feed (RESO Data Dictionary), their media, sync runs,
-- checkpoints, errors and the photo-copy queue. Platform tables (outbox_event, ...) come from db/platform.

-- One MLS feed of a tenant. Secrets are not stored: credentials_ref names a configuration entry
-- (crm.mls.credentials.<ref>.username/password/ua-password) resolved when the client is opened.
-- The lease (lease_owner, lease_expires_at) makes one replica at a time sync the provider.
CREATE TABLE mls_provider (
    id                     uuid          PRIMARY KEY,
    tenant_id              varchar(64)   NOT NULL,
    name                   varchar(200)  NOT NULL,
    protocol               varchar(32)   NOT NULL CHECK (protocol IN ('rets', 'reso-web-api')),
    url                    varchar(2000) NOT NULL,
    token_url              varchar(2000),
    credentials_ref        varchar(128)  NOT NULL,
    user_agent             varchar(200)  NOT NULL,
    rets_version           varchar(32),
    use_post               boolean       NOT NULL DEFAULT false,
    resource               varchar(64)   NOT NULL DEFAULT 'Property',
    search_classes         varchar(200),
    format                 varchar(32),
    field_map              jsonb         NOT NULL DEFAULT '{}'::jsonb,
    server_zone            varchar(64)   NOT NULL DEFAULT 'UTC',
    page_size              integer       NOT NULL CHECK (page_size BETWEEN 1 AND 10000),
    requests_per_second    double precision NOT NULL CHECK (requests_per_second > 0),
    media_per_hour         integer       NOT NULL DEFAULT 0 CHECK (media_per_hour >= 0),
    request_timeout_ms     integer       NOT NULL DEFAULT 30000,
    cron                   varchar(120)  NOT NULL,
    reconcile_every_seconds bigint       NOT NULL DEFAULT 86400 CHECK (reconcile_every_seconds >= 60),
    enabled                boolean       NOT NULL DEFAULT true,
    watermark              timestamptz,
    last_reconciled_at     timestamptz,
    next_run_at            timestamptz,
    run_seq                bigint        NOT NULL DEFAULT 0,
    lease_owner            varchar(128),
    lease_expires_at       timestamptz,
    version                bigint        NOT NULL DEFAULT 1,
    created_at             timestamptz   NOT NULL DEFAULT now(),
    updated_at             timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT mls_provider_name_unique UNIQUE (tenant_id, name)
);
CREATE INDEX mls_provider_due ON mls_provider (next_run_at) WHERE enabled;

-- A listing, normalised to RESO names (listing jsonb), with the columns the app searches on.
-- content_hash: sha-256 of the normalised listing without ModificationTimestamp, so a touch that changes
-- nothing is recognised and publishes nothing.
CREATE TABLE property (
    provider_id            uuid          NOT NULL REFERENCES mls_provider (id) ON DELETE CASCADE,
    listing_key            varchar(255)  NOT NULL,
    tenant_id              varchar(64)   NOT NULL,
    listing_id             varchar(255),
    standard_status        varchar(64),
    property_type          varchar(64),
    list_price             numeric(16, 2),
    bedrooms_total         integer,
    bathrooms_total        integer,
    city                   varchar(100),
    postal_code            varchar(20),
    modification_timestamp timestamptz   NOT NULL,
    photos_change_timestamp timestamptz,
    listing                jsonb         NOT NULL,
    content_hash           char(64)      NOT NULL,
    version                bigint        NOT NULL DEFAULT 1,
    first_seen_at          timestamptz   NOT NULL DEFAULT now(),
    last_seen_at           timestamptz   NOT NULL DEFAULT now(),
    updated_at             timestamptz   NOT NULL DEFAULT now(),
    removed                boolean       NOT NULL DEFAULT false,
    removed_at             timestamptz,
    PRIMARY KEY (provider_id, listing_key)
);
-- ListingKey is what the app addresses: unique within a tenant's feeds is assumed for the detail URL
CREATE INDEX property_tenant_key ON property (tenant_id, listing_key);
CREATE INDEX property_tenant_updated ON property (tenant_id, updated_at, provider_id, listing_key);
CREATE INDEX property_tenant_city ON property (tenant_id, lower(city));
CREATE INDEX property_tenant_postal ON property (tenant_id, postal_code);
CREATE INDEX property_tenant_price ON property (tenant_id, list_price);

-- Content-addressed copies in S3: the same bytes are stored once.
CREATE TABLE media_blob (
    content_sha256         char(64)      PRIMARY KEY,
    s3_key                 varchar(300)  NOT NULL,
    content_type           varchar(100),
    size_bytes             bigint        NOT NULL,
    created_at             timestamptz   NOT NULL DEFAULT now()
);

-- A photo of a listing. copied_modification_timestamp = the MediaModificationTimestamp the copy in S3 was
-- taken at: the app shows our URL only while it equals media_modification_timestamp.
CREATE TABLE media (
    provider_id            uuid          NOT NULL,
    media_key              varchar(255)  NOT NULL,
    listing_key            varchar(255)  NOT NULL,
    media_order            integer       NOT NULL,
    category               varchar(50),
    provider_url           varchar(2000) NOT NULL,
    media_modification_timestamp timestamptz,
    content_sha256         char(64)      REFERENCES media_blob (content_sha256),
    copied_modification_timestamp timestamptz,
    updated_at             timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (provider_id, media_key),
    FOREIGN KEY (provider_id, listing_key) REFERENCES property (provider_id, listing_key) ON DELETE CASCADE
);
CREATE INDEX media_listing ON media (provider_id, listing_key, media_order);

-- Runs. state: queued, running, succeeded, succeeded-with-errors, failed. seq = the provider's run number
-- (the version of mls.sync-completed).
CREATE TABLE sync_run (
    id                     uuid          PRIMARY KEY,
    provider_id            uuid          NOT NULL REFERENCES mls_provider (id) ON DELETE CASCADE,
    tenant_id              varchar(64)   NOT NULL,
    seq                    bigint,
    mode                   varchar(20)   NOT NULL CHECK (mode IN ('full', 'incremental', 'reconciliation')),
    trigger                varchar(20)   NOT NULL CHECK (trigger IN ('schedule', 'on-demand', 'resume')),
    state                  varchar(30)   NOT NULL,
    attempts               integer       NOT NULL DEFAULT 0,
    since_watermark        timestamptz,
    watermark              timestamptz,
    records_fetched        bigint        NOT NULL DEFAULT 0,
    records_changed        bigint        NOT NULL DEFAULT 0,
    records_unchanged      bigint        NOT NULL DEFAULT 0,
    records_removed        bigint        NOT NULL DEFAULT 0,
    photos_queued          bigint        NOT NULL DEFAULT 0,
    error_count            bigint        NOT NULL DEFAULT 0,
    failure_reason         varchar(2000),
    created_at             timestamptz   NOT NULL DEFAULT now(),
    started_at             timestamptz,
    finished_at            timestamptz,
    updated_at             timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX sync_run_provider ON sync_run (provider_id, created_at DESC);
CREATE INDEX sync_run_tenant ON sync_run (tenant_id, created_at DESC, id DESC);
CREATE INDEX sync_run_open ON sync_run (provider_id) WHERE state IN ('queued', 'running');

-- Where a run is: committed with each batch of records, so a crashed run resumes here.
-- resume_from: the ModificationTimestamp to restart at (inclusive); it only moves while the feed is ascending.
CREATE TABLE sync_checkpoint (
    run_id                 uuid          PRIMARY KEY REFERENCES sync_run (id) ON DELETE CASCADE,
    provider_id            uuid          NOT NULL,
    phase                  varchar(20)   NOT NULL,
    resume_from            timestamptz,
    max_seen               timestamptz,
    ascending              boolean       NOT NULL DEFAULT true,
    batches                bigint        NOT NULL DEFAULT 0,
    updated_at             timestamptz   NOT NULL DEFAULT now()
);

-- What went wrong, for ops: code = RETS reply code or HTTP status (or a kind), the server's own message.
CREATE TABLE sync_error (
    id                     bigserial     PRIMARY KEY,
    run_id                 uuid          REFERENCES sync_run (id) ON DELETE CASCADE,
    provider_id            uuid          NOT NULL REFERENCES mls_provider (id) ON DELETE CASCADE,
    tenant_id              varchar(64)   NOT NULL,
    phase                  varchar(20)   NOT NULL,
    code                   varchar(64)   NOT NULL,
    kind                   varchar(32),
    listing_key            varchar(255),
    server_message         varchar(4000),
    occurred_at            timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX sync_error_run ON sync_error (run_id, id);
CREATE INDEX sync_error_provider ON sync_error (provider_id, occurred_at DESC);

-- Photos waiting to be copied to S3, claimed with SKIP LOCKED; lower priority value first.
CREATE TABLE photo_task (
    id                     bigserial     PRIMARY KEY,
    provider_id            uuid          NOT NULL REFERENCES mls_provider (id) ON DELETE CASCADE,
    tenant_id              varchar(64)   NOT NULL,
    media_key              varchar(255)  NOT NULL,
    listing_key            varchar(255)  NOT NULL,
    media_order            integer       NOT NULL,
    provider_url           varchar(2000) NOT NULL,
    media_modification_timestamp timestamptz,
    priority               integer       NOT NULL,
    attempts               integer       NOT NULL DEFAULT 0,
    not_before             timestamptz   NOT NULL DEFAULT now(),
    lease_owner            varchar(128),
    lease_expires_at       timestamptz,
    last_error             varchar(2000),
    created_at             timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT photo_task_media UNIQUE (provider_id, media_key)
);
CREATE INDEX photo_task_next ON photo_task (priority, media_modification_timestamp DESC, id);
