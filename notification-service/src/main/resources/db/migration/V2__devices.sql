-- notification-service: push devices (agents' phones) and the device a push attempt went to.

-- One row per registered app install: a user's device token for one platform and app. A token is unique per
-- platform: registered again by another user (the phone changed hands, another login), it moves to that user.
CREATE TABLE device (
    id           uuid PRIMARY KEY,
    tenant_id    varchar(64)  NOT NULL,
    user_id      varchar(128) NOT NULL,
    platform     varchar(10)  NOT NULL,
    token        varchar(1024) NOT NULL,
    app_id       varchar(255) NOT NULL,
    lead_alerts  boolean      NOT NULL DEFAULT true,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    version      integer      NOT NULL DEFAULT 1,
    CONSTRAINT device_token_unique UNIQUE (platform, token)
);
CREATE INDEX device_user ON device (tenant_id, user_id, created_at DESC, id DESC);

-- A push goes to each of the user's devices: the attempt names the device (null for email and SMS).
ALTER TABLE delivery_attempt ADD COLUMN device_id uuid;
