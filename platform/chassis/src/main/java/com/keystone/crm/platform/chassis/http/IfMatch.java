package com.keystone.crm.platform.chassis.http;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;

/**
 * Optimistic concurrency over HTTP: entity tags are the aggregate version in quotes ({@code "3"}); an update must
 * send the tag it read in {@code If-Match}. Missing: 428; not the current version, or a weak tag ({@code W/"3"}: If-Match
 * compares strongly, RFC 9110): 412.
 */
public final class IfMatch {
    private IfMatch() {
    }

    /** The entity tag of a version. */
    public static String tag(long version) {
        return Long.toString(version);
    }

    /** Checks the header against the current version; {@code *} matches any existing representation. */
    public static void require(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(Problem.of("precondition-required", "Precondition Required", 428,
                    "Send If-Match with the ETag you read, so a concurrent change is not overwritten"));
        }
        String value = ifMatch.trim();
        if ("*".equals(value)) {
            return;
        }
        for (String candidate : value.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                // RFC 9110 13.1.1: If-Match uses the strong comparison; a weak tag never matches
                continue;
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(tag(currentVersion))) {
                return;
            }
        }
        throw ProblemException.preconditionFailed("The resource changed since you read it (current ETag \""
                + currentVersion + "\"); read it again and retry");
    }
}
