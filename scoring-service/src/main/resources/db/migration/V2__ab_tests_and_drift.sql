-- Drift: the training distributions of a model's features and scores, kept with the model.
ALTER TABLE model_version ADD COLUMN baseline text;

-- A/B tests: a challenger model serves a share of a tenant's leads (chosen by a stable hash of the lead id) beside
-- the champion; each lead's arm, its latest prediction before any outcome, and its conversion are kept per test.
ALTER TABLE model_version ADD COLUMN traffic_share double precision;
CREATE UNIQUE INDEX model_version_one_challenger ON model_version (tenant_id) WHERE status = 'challenger';

CREATE TABLE ab_exposure (
    experiment_id   uuid             NOT NULL,   -- the challenger's model id: a new challenger is a new test
    lead_id         uuid             NOT NULL,
    tenant_id       text             NOT NULL,
    variant         text             NOT NULL,   -- champion | challenger
    model_name      text             NOT NULL,
    probability     double precision NOT NULL,   -- the latest prediction made before the lead converted
    first_scored_at timestamptz      NOT NULL,
    scored_at       timestamptz      NOT NULL,
    converted_at    timestamptz,
    PRIMARY KEY (experiment_id, lead_id)
);
CREATE INDEX ab_exposure_by_lead ON ab_exposure (lead_id) WHERE converted_at IS NULL;
