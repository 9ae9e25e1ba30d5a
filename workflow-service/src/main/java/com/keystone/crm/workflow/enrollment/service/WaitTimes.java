package com.keystone.crm.workflow.enrollment.service;

import com.keystone.crm.workflow.definition.domain.Definition;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * When a wait step ends: after a duration; at the next given time of day in the lead's time zone; or after a number
 * of business days (Monday to Friday) at the same local time. The zone is the lead's, else the workflow's, else UTC.
 */
final class WaitTimes {
    private WaitTimes() {
    }

    static Instant until(Definition.Step step, ZoneId zone, Instant now) {
        if (step.duration() != null) {
            return now.plus(Duration.parse(step.duration()));
        }
        ZonedDateTime local = now.atZone(zone);
        if (step.untilTimeOfDay() != null) {
            ZonedDateTime at = local.with(LocalTime.parse(step.untilTimeOfDay()));
            return (at.isAfter(local) ? at : at.plusDays(1).with(LocalTime.parse(step.untilTimeOfDay()))).toInstant();
        }
        ZonedDateTime day = local;
        int left = step.businessDays();
        while (left > 0) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return day.toInstant();
    }

    /** The zone waits use for a lead; an unknown zone name falls back rather than failing the step. */
    static ZoneId zone(String leadZone, String workflowZone) {
        for (String candidate : new String[]{leadZone, workflowZone}) {
            if (candidate != null && !candidate.isBlank()) {
                try {
                    return ZoneId.of(candidate);
                } catch (DateTimeException e) {
                    // try the next one
                }
            }
        }
        return ZoneOffset.UTC;
    }
}
