package com.keystone.crm.platform.chassis.paging;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The query parameters of a list endpoint, read as strings so that every bad one is reported in a single
 * validation problem (400 with {@code errors[].field}); typed JAX-RS parameters would answer a malformed value
 * with a bare 404. {@code limit} is 1 to 200 (50 by default) on every list; {@code cursor} is checked against
 * the list's {@link Keyset}.
 */
public final class ListQuery {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    /** The range of instants a filter accepts (what PostgreSQL stores, and any date a person means). */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** The page size of a list that has no other query parameters to check: 1 to 200, or a validation problem. */
    public static int checkedLimit(String raw) {
        ListQuery q = new ListQuery();
        int limit = q.limit(raw);
        q.validate();
        return limit;
    }

    public int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        reject("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        return DEFAULT_LIMIT;
    }

    /** The position the client sent back, null for the first page (or a bad cursor, then reported). */
    public Cursor cursor(Keyset keyset, String raw) {
        try {
            return keyset.decode(raw);
        } catch (InvalidCursorException e) {
            errors.add(InvalidCursorException.fieldError());
            return null;
        }
    }

    public Instant instant(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return boundedInstant(raw);
        } catch (DateTimeParseException e) {
            reject(field, "must be an ISO-8601 instant such as 2026-01-31T17:00:00Z");
            return null;
        } catch (IllegalArgumentException e) {
            reject(field, e.getMessage());
            return null;
        }
    }

    /**
     * An ISO-8601 instant within the years 1 to 9999. {@link Instant#parse} takes years up to ±1,000,000,000, which
     * PostgreSQL's timestamptz cannot hold: such a filter would fail in the database (a 500) instead of as a 400.
     *
     * @throws DateTimeParseException   when it is no instant at all
     * @throws IllegalArgumentException (with the message for the client) when it is out of that range
     */
    public static Instant boundedInstant(String raw) {
        Instant value = Instant.parse(raw.trim());
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw new IllegalArgumentException("must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        return value;
    }

    public UUID uuid(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            reject(field, "must be a UUID");
            return null;
        }
    }

    public Boolean bool(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if ("true".equals(raw) || "false".equals(raw)) {
            return Boolean.valueOf(raw);
        }
        reject(field, "must be true or false");
        return null;
    }

    public void reject(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Throws the validation problem when any parameter was bad. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid query parameters")
                    .withErrors(List.copyOf(errors)));
        }
    }
}
