-- Access-token revocations a service has consumed (auth.access-revoked, issue #10), kept until expires_at: every
-- replica of the service reloads them into memory every crm.revocation.refresh-every, so a replica that did not
-- consume the event (the others hold its partitions) and a restarted replica refuse the same tokens.
-- Scope: jti -> one token; session_id -> every token of one login session; neither -> every token of the user
-- issued at or before revoked_at.
CREATE TABLE revoked_access (
    revocation_id uuid         PRIMARY KEY,
    tenant_id     varchar(64)  NOT NULL,
    user_id       varchar(128) NOT NULL,
    jti           varchar(128),
    session_id    varchar(128),
    reason        varchar(64)  NOT NULL,
    revoked_at    timestamptz  NOT NULL,
    expires_at    timestamptz  NOT NULL
);
CREATE INDEX revoked_access_expires ON revoked_access (expires_at);
