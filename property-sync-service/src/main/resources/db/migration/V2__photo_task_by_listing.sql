-- A batch re-listing media prunes the photo tasks of its listings (and a removal drops them) by listing key;
-- without this index each of those statements scanned the whole queue, which grows to every photo of a first sync.
CREATE INDEX photo_task_listing ON photo_task (provider_id, listing_key);
