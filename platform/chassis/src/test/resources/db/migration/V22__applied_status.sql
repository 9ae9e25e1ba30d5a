-- Test-only effect of the batch consumer of lead.status-changed (testapp.StatusBatchConsumer): one row per application.
CREATE TABLE applied_status (
    id         uuid         PRIMARY KEY,
    event_id   uuid         NOT NULL,
    lead_id    uuid         NOT NULL,
    to_status  varchar(32)  NOT NULL,
    applied_at timestamptz  NOT NULL
);
CREATE INDEX applied_status_event ON applied_status (event_id);
