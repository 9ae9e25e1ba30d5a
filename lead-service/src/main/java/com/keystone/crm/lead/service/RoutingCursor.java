package com.keystone.crm.lead.service;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque list cursors for the routing endpoints: the sort key of the last item of a page, base64url-encoded so
 * clients do not build them. A cursor that does not decode is a 400, never a 500.
 */
public final class RoutingCursor {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String SEPARATOR = "\u0000";

    private RoutingCursor() {
    }

    public static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor made by {@link #encode}, or a 400 if it is not one with that many parts. */
    public static String[] decode(String cursor, int parts) {
        try {
            String[] decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(SEPARATOR, -1);
            if (decoded.length == parts) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw invalid();
    }

    public static ProblemException invalid() {
        return ProblemException.badRequest("invalid-cursor", "cursor is not a cursor this list returned");
    }

    /** The page size: 50 by default, 1 to 200. */
    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(Problem.of("validation", "Bad Request", 400, "The request has invalid fields")
                    .withErrors(List.of(new Problem.FieldError("limit", "must be between 1 and " + MAX_LIMIT))));
        }
        return limit;
    }
}
