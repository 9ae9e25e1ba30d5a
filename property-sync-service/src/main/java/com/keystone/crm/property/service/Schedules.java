package com.keystone.crm.property.service;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Provider cron expressions (Quartz syntax, as the Quarkus scheduler uses), evaluated in UTC. */
public final class Schedules {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private Schedules() {
    }

    /** Null when valid, else why not. */
    public static String problem(String cron) {
        if (cron == null || cron.isBlank()) {
            return "a cron expression is required";
        }
        try {
            PARSER.parse(cron).validate();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public static Instant next(String cron, Instant after) {
        return ExecutionTime.forCron(PARSER.parse(cron))
                .nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC))
                .map(ZonedDateTime::toInstant)
                .orElse(after.plusSeconds(4 * 3600));
    }
}
