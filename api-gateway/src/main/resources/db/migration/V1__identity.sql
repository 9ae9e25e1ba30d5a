-- Tenants (brokerages), their teams and users; credentials; refresh tokens; signing keys; audit log.

CREATE TABLE tenant (
    id                  varchar(64)  PRIMARY KEY,
    name                varchar(200) NOT NULL,
    created_at          timestamptz  NOT NULL
);

CREATE TABLE team (
    id         varchar(128) PRIMARY KEY,
    tenant_id  varchar(64)  NOT NULL REFERENCES tenant (id),
    name       varchar(200) NOT NULL,
    created_at timestamptz  NOT NULL,
    UNIQUE (tenant_id, name)
);

-- Logins are by e-mail alone, so an e-mail belongs to one user across all tenants.
CREATE TABLE app_user (
    id             varchar(128) PRIMARY KEY,
    tenant_id      varchar(64)  NOT NULL REFERENCES tenant (id),
    email          varchar(320) NOT NULL UNIQUE,
    password_hash  varchar(512) NOT NULL,
    roles          varchar(200) NOT NULL,
    team_id        varchar(128) REFERENCES team (id),
    display_name   varchar(200),
    active         boolean      NOT NULL DEFAULT true,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz  NOT NULL,
    deactivated_at timestamptz,
    version        bigint       NOT NULL DEFAULT 0
);
CREATE INDEX app_user_tenant ON app_user (tenant_id, created_at, id);

-- Only the SHA-256 of a refresh token is kept; a family is every token rotated from one login.
CREATE TABLE refresh_token (
    id         uuid         PRIMARY KEY,
    family_id  uuid         NOT NULL,
    user_id    varchar(128) NOT NULL REFERENCES app_user (id),
    token_hash char(64)     NOT NULL UNIQUE,
    created_at timestamptz  NOT NULL,
    expires_at timestamptz  NOT NULL,
    rotated_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id);

-- Access tokens revoked before they expire (logout); kept until they would have expired.
CREATE TABLE revoked_access_token (
    jti        varchar(64)  PRIMARY KEY,
    expires_at timestamptz  NOT NULL
);

-- RS256 key pairs: the newest active key signs; a retired key is still published until verify_until.
CREATE TABLE signing_key (
    kid          varchar(64) PRIMARY KEY,
    private_key  text        NOT NULL,
    public_key   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    retired_at   timestamptz,
    verify_until timestamptz
);

CREATE TABLE audit_event (
    id         uuid         PRIMARY KEY,
    tenant_id  varchar(64),
    at         timestamptz  NOT NULL,
    action     varchar(64)  NOT NULL,
    actor_id   varchar(128),
    target_id  varchar(128),
    ip         varchar(64),
    detail     varchar(1000)
);
CREATE INDEX audit_event_tenant ON audit_event (tenant_id, at DESC, id DESC);
