package com.keystone.crm.lead.service;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The paging and filter parameters of a saved-search list, read from raw query strings so that a bad value is a
 * validation problem naming the parameter (not a generic 404/400 from the JAX-RS converter).
 *
 * @param updatedSince when set, only searches changed after it, deleted ones included as tombstones (the app's
 *                     delta sync); otherwise only live searches
 */
public record SavedSearchQuery(int limit, SavedSearchCursor cursor, Instant updatedSince) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static SavedSearchQuery parse(String limit, String cursor, String updatedSince) {
        List<Problem.FieldError> errors = new ArrayList<>();
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                errors.add(new Problem.FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        SavedSearchCursor position = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                position = SavedSearchCursor.decode(cursor.trim());
            } catch (RuntimeException e) {
                errors.add(new Problem.FieldError("cursor", "is not a cursor this list returned"));
            }
        }
        Instant since = null;
        if (updatedSince != null && !updatedSince.isBlank()) {
            try {
                since = OffsetDateTime.parse(updatedSince.trim()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError("updatedSince", "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid parameters")
                    .withErrors(errors));
        }
        return new SavedSearchQuery(size, position, since);
    }
}
