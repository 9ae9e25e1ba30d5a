-- Tables of the chassis's test application only (after the platform's V0_1).
CREATE TABLE widget (
    id         uuid         PRIMARY KEY,
    tenant_id  varchar(64)  NOT NULL,
    name       varchar(100) NOT NULL,
    created_at timestamptz  NOT NULL
);

-- The effect of the test consumer of lead.scored: one row per applied event.
CREATE TABLE applied_score (
    id         uuid          PRIMARY KEY,
    event_id   uuid          NOT NULL,
    lead_id    varchar(64)   NOT NULL,
    tenant_id  varchar(64),
    score      numeric(5, 2) NOT NULL,
    applied_at timestamptz   NOT NULL
);
CREATE INDEX applied_score_event ON applied_score (event_id);
