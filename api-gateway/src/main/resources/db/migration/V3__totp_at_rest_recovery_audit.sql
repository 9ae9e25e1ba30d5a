-- Issue #10 items 4-5: TOTP secrets encrypted at rest (AES-256-GCM; the key id beside the ciphertext, for rotation),
-- one-time recovery codes (only their SHA-256), and the services' data-access audit next to the security audit.
ALTER TABLE app_user ALTER COLUMN totp_secret TYPE varchar(512);
-- NULL with a secret: a secret stored before encryption; TotpKeyRotation seals it at the next run
ALTER TABLE app_user ADD COLUMN totp_key_id varchar(64);

CREATE TABLE totp_recovery_code (
    id         uuid         PRIMARY KEY,
    user_id    varchar(128) NOT NULL REFERENCES app_user (id),
    code_hash  char(64)     NOT NULL,
    created_at timestamptz  NOT NULL,
    used_at    timestamptz,
    UNIQUE (user_id, code_hash)
);

-- where an audit entry comes from: 'api-gateway' (security audit) or the service that recorded a data access
ALTER TABLE audit_event ADD COLUMN source varchar(64) NOT NULL DEFAULT 'api-gateway';
ALTER TABLE audit_event ADD COLUMN user_agent varchar(300);
ALTER TABLE audit_event ADD COLUMN request_id varchar(128);
CREATE INDEX audit_event_tenant_source ON audit_event (tenant_id, source, at DESC, id DESC);
