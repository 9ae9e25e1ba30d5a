-- Password reset tokens (only their SHA-256), TOTP second factor, and the tenant's TOTP policy for admins.
CREATE TABLE password_reset (
    id         uuid         PRIMARY KEY,
    user_id    varchar(128) NOT NULL REFERENCES app_user (id),
    token_hash char(64)     NOT NULL UNIQUE,
    created_at timestamptz  NOT NULL,
    expires_at timestamptz  NOT NULL,
    used_at    timestamptz
);
CREATE INDEX password_reset_user ON password_reset (user_id);

ALTER TABLE app_user ADD COLUMN totp_secret varchar(64);
ALTER TABLE app_user ADD COLUMN totp_enabled boolean NOT NULL DEFAULT false;
-- the last 30-second step a code was accepted for: a code is good once
ALTER TABLE app_user ADD COLUMN totp_last_step bigint NOT NULL DEFAULT 0;

ALTER TABLE tenant ADD COLUMN admin_totp_required boolean NOT NULL DEFAULT false;
