package com.keystone.crm.lead.rest;

import com.keystone.crm.lead.repository.SeekCursor;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the query parameters of a list endpoint as strings and reports every bad one in a single validation
 * problem (400 with errors[].field). Typed JAX-RS parameters would answer a malformed value with a bare 404.
 */
public final class ListQuery {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public int limit(String raw) {
        if (raw == null) {
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

    public SeekCursor cursor(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return SeekCursor.decode(raw);
        } catch (RuntimeException e) {
            reject("cursor", "is not a cursor this list returned");
            return null;
        }
    }

    public Instant instant(String field, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            reject(field, "must be an ISO-8601 instant such as 2026-01-31T17:00:00Z");
            return null;
        }
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

    /** Throws the validation problem when any parameter was bad. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid query parameters")
                    .withErrors(List.copyOf(errors)));
        }
    }
}
