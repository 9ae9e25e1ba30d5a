-- MLS credentials given through the API (issue #11 item 9), under envelope encryption: the secrets (JSON) under a
-- random data key (AES-256-GCM), the data key under the master key secret_key_id (crm.mls.secrets.keys). A provider
-- has either a credentials_ref (secrets in configuration) or stored credentials.
ALTER TABLE mls_provider ALTER COLUMN credentials_ref DROP NOT NULL;
ALTER TABLE mls_provider ADD COLUMN secret_key_id varchar(64);
ALTER TABLE mls_provider ADD COLUMN secret_wrapped_key bytea;
ALTER TABLE mls_provider ADD COLUMN secret_ciphertext bytea;
ALTER TABLE mls_provider ADD COLUMN secret_updated_at timestamptz;
ALTER TABLE mls_provider ADD CONSTRAINT mls_provider_credentials_present CHECK (
    (credentials_ref IS NOT NULL AND secret_ciphertext IS NULL AND secret_wrapped_key IS NULL AND secret_key_id IS NULL)
    OR (credentials_ref IS NULL AND secret_ciphertext IS NOT NULL AND secret_wrapped_key IS NOT NULL
        AND secret_key_id IS NOT NULL));
-- the re-wrap after a master key rotation looks for rows under another key
CREATE INDEX mls_provider_secret_key ON mls_provider (secret_key_id) WHERE secret_key_id IS NOT NULL;
