-- Listings whose media the provider must still list (issue #11 item 11): RETS serves no media with the records, and
-- listing them (GetObject Location=1) in the records phase was most of a RETS sync's time. The records phase stores
-- the listing and queues it here; the photo worker lists the media of up to 100 listings of one provider per request,
-- stores them, queues their copies and publishes property.updated with them. photos_change_timestamp: the listing's
-- PhotosChangeTimestamp the task was queued for (a newer one re-queues it and hands the lease back).
CREATE TABLE media_list_task (
    id                     bigserial     PRIMARY KEY,
    provider_id            uuid          NOT NULL,
    listing_key            varchar(255)  NOT NULL,
    tenant_id              varchar(64)   NOT NULL,
    photos_change_timestamp timestamptz,
    priority               integer       NOT NULL,
    attempts               integer       NOT NULL DEFAULT 0,
    not_before             timestamptz   NOT NULL DEFAULT now(),
    lease_owner            varchar(128),
    lease_expires_at       timestamptz,
    last_error             varchar(2000),
    created_at             timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT media_list_task_listing UNIQUE (provider_id, listing_key),
    FOREIGN KEY (provider_id, listing_key) REFERENCES property (provider_id, listing_key) ON DELETE CASCADE
);
CREATE INDEX media_list_task_next ON media_list_task (priority, id);
