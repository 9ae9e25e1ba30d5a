package com.keystone.crm.scoring.schedule.service;

import jakarta.validation.constraints.Size;

/** An admin's schedule: a Quartz cron in UTC, or null to follow the configured default. */
public record ScheduleRequest(@Size(max = 120) String cron) {
}
