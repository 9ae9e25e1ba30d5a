-- Scheduled drift checks and retraining: one row per tenant says when its next check is due (the cron of
-- crm.scoring.schedule.cron, or the tenant's own); a replica claims a due row with FOR UPDATE SKIP LOCKED and moves
-- next_check_at forward in the same transaction as the check, so with several replicas a check runs once.
CREATE TABLE scoring_schedule (
    tenant_id     text PRIMARY KEY,
    cron          text,                      -- the tenant's own cron (Quartz syntax); null: the configured default
    next_check_at timestamptz NOT NULL,
    last_check_at timestamptz
);
CREATE INDEX scoring_schedule_due ON scoring_schedule (next_check_at);

-- Every scheduled check: the champion's drift (PSI per feature and of the scores), its calibration on matured
-- leads (observed vs predicted conversion per score decile), whether it alerted, and the retraining it queued.
CREATE TABLE drift_check (
    id              uuid PRIMARY KEY,
    tenant_id       text        NOT NULL,
    checked_at      timestamptz NOT NULL,
    model_name      text,                    -- the champion checked; null when none served
    alert           boolean     NOT NULL,
    drifted         text[]      NOT NULL DEFAULT '{}',
    report          text        NOT NULL,    -- JSON: drift, calibration, decision
    training_run_id uuid
);
CREATE INDEX drift_check_by_tenant ON drift_check (tenant_id, checked_at DESC);

-- Why a training run was started: an admin (manual), the weekly schedule (scheduled) or a drift alert (drift).
-- Runs that are not manual never replace a serving champion by themselves: their model is proposed as a challenger.
ALTER TABLE training_run ADD COLUMN trigger text NOT NULL DEFAULT 'manual';
