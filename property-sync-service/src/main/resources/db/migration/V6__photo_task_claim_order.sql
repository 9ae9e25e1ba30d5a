-- The photo queue's claim orders by (priority, media_modification_timestamp DESC NULLS LAST, id); photo_task_next
-- was made DESC, which is NULLS FIRST, so no claim could walk it: each one sorted the whole queue to take one row
-- (387 ms a claim with 100,000 photos queued, most of the photo workers' time in the benchmark).
DROP INDEX photo_task_next;
CREATE INDEX photo_task_next ON photo_task (priority, media_modification_timestamp DESC NULLS LAST, id);
