-- The chassis test application's leased work (LeasedWorker tests): items to claim, and who finished which.
CREATE TABLE work_item (
    id               bigserial    PRIMARY KEY,
    label            varchar(64)  NOT NULL,
    done_by          varchar(128),
    lease_owner      varchar(128),
    lease_expires_at timestamptz
);

CREATE TABLE work_log (
    item_id bigint       NOT NULL,
    owner   varchar(128) NOT NULL,
    at      timestamptz  NOT NULL DEFAULT clock_timestamp()
);
