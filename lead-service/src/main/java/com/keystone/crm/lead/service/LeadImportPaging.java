package com.keystone.crm.lead.service;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;

import java.util.List;
import java.util.function.Function;

/**
 * {@code limit} and {@code cursor} of the import lists, read from the raw query strings so that a bad value is a
 * validation problem naming the parameter.
 */
public record LeadImportPaging<C>(int limit, C cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static <C> LeadImportPaging<C> parse(String limit, String cursor, Function<String, C> decode) {
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        C position = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                position = decode.apply(cursor.trim());
            } catch (RuntimeException e) {
                throw invalid("cursor", "is not a cursor this list returned");
            }
        }
        return new LeadImportPaging<>(size, position);
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid parameters")
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }
}
