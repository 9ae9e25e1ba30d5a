package com.keystone.crm.scoring.schedule.service;

import java.time.Instant;

/**
 * A tenant's check schedule: its own cron (null: the default applies), the cron in effect, when the next check is
 * due and when the last one ran.
 */
public record ScheduleView(String cron, String effectiveCron, String defaultCron, Instant nextCheckAt, Instant lastCheckAt,
                           String retrain) {
}
