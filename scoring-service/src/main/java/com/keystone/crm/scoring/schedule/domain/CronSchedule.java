package com.keystone.crm.scoring.schedule.domain;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A check schedule as a Quartz cron expression in UTC (the syntax of Quarkus's {@code @Scheduled(cron)}), parsed by
 * cron-utils. Refused: what does not parse, what never fires again, and what fires more often than
 * {@link #MIN_INTERVAL} (a check folds every scored lead's features and may train a model).
 */
public final class CronSchedule {
    public static final Duration MIN_INTERVAL = Duration.ofHours(1);
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final String expression;
    private final ExecutionTime execution;

    private CronSchedule(String expression, ExecutionTime execution) {
        this.expression = expression;
        this.execution = execution;
    }

    /** @throws IllegalArgumentException with a reason a person can act on */
    public static CronSchedule parse(String expression, Instant now) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required");
        }
        ExecutionTime execution;
        try {
            execution = ExecutionTime.forCron(PARSER.parse(expression.trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Quartz cron expression (seconds minutes hours day-of-month month "
                    + "day-of-week [year]): " + e.getMessage());
        }
        CronSchedule schedule = new CronSchedule(expression.trim(), execution);
        Instant first = schedule.next(now);
        Instant second = first == null ? null : schedule.next(first);
        if (first == null) {
            throw new IllegalArgumentException("never fires after " + now);
        }
        if (second != null && Duration.between(first, second).compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("fires more often than once an hour (" + first + ", " + second + ")");
        }
        return schedule;
    }

    /** The first firing strictly after {@code after}; null when it never fires again. */
    public Instant next(Instant after) {
        return execution.nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC)).map(ZonedDateTime::toInstant).orElse(null);
    }

    public String expression() {
        return expression;
    }
}
