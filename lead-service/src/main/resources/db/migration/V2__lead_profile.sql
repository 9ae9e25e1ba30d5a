-- The full lead profile (issue 3): area and property of interest, budget, timeframe, tags, consent per channel,
-- which fields an agent edited (ingestion never overwrites those), merges.
ALTER TABLE lead
    ADD COLUMN city                varchar(100),
    ADD COLUMN postal_code         varchar(20),
    ADD COLUMN property_type       varchar(50),
    ADD COLUMN budget_min          numeric(14, 2),
    ADD COLUMN budget_max          numeric(14, 2),
    ADD COLUMN preferred_areas     text[]       NOT NULL DEFAULT '{}',
    ADD COLUMN timeframe           varchar(32),
    ADD COLUMN tags                text[]       NOT NULL DEFAULT '{}',
    ADD COLUMN consent_email       boolean,
    ADD COLUMN consent_sms         boolean,
    ADD COLUMN consent_call        boolean,
    ADD COLUMN consent_push        boolean,
    ADD COLUMN agent_edited_fields text[]       NOT NULL DEFAULT '{}',
    ADD COLUMN merged_into_lead_id uuid,
    ADD COLUMN last_activity_at    timestamptz,
    ADD COLUMN score_reasons       jsonb;
CREATE INDEX lead_tenant_status ON lead (tenant_id, status);
CREATE INDEX lead_tenant_updated ON lead (tenant_id, updated_at, id);
CREATE INDEX lead_tenant_score ON lead (tenant_id, score);
CREATE INDEX lead_tenant_tier ON lead (tenant_id, score_tier);
CREATE INDEX lead_tags ON lead USING gin (tags);

-- Every email and phone of a lead (normalised: emails trimmed and lower-cased, phones E.164), the primary first;
-- lead.email and lead.phone repeat the primary ones. Dedupe looks leads up through the GIN indexes.
ALTER TABLE lead
    ADD COLUMN emails text[] NOT NULL DEFAULT '{}',
    ADD COLUMN phones text[] NOT NULL DEFAULT '{}';
CREATE INDEX lead_emails ON lead USING gin (emails);
CREATE INDEX lead_phones ON lead USING gin (phones);

ALTER TABLE activity
    ADD COLUMN actor_id    varchar(64),
    ADD COLUMN channel     varchar(16),
    ADD COLUMN details     jsonb;
