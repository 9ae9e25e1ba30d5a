-- Idempotent creates (chassis IdempotentCreate): a key is scoped by tenant AND calling user, and remembers the first
-- answer (status, headers, body) to replay it. Expiry is computed from created_at (crm.idempotency.ttl).
-- Records of the former shape (resource_id only) have no response: they are treated as expired.
ALTER TABLE idempotency_record
    ADD COLUMN caller_id        varchar(255) NOT NULL DEFAULT '',
    ADD COLUMN response_status  smallint,
    ADD COLUMN response_headers jsonb,
    ADD COLUMN response_body    text,
    ALTER COLUMN resource_id DROP NOT NULL;
ALTER TABLE idempotency_record DROP CONSTRAINT idempotency_record_pkey;
ALTER TABLE idempotency_record ADD PRIMARY KEY (tenant_id, caller_id, scope, idem_key);
