package com.keystone.crm.lead.savedsearch.service;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;

/**
 * If-Match on the updates of a saved search: required (428 without it, so a client cannot overwrite an agent's
 * change by accident), and it must name the current version (412 otherwise). Accepts {@code "3"}, {@code 3},
 * {@code W/"3"}, a comma-separated list, or {@code *}.
 */
public final class SavedSearchPreconditions {
    private SavedSearchPreconditions() {
    }

    public static void requireCurrent(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(Problem.of("precondition-required", "Precondition Required", 428,
                    "Send If-Match with the ETag of the saved search you read"));
        }
        String current = Long.toString(currentVersion);
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*")) {
                return;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(current)) {
                return;
            }
        }
        throw ProblemException.preconditionFailed("The saved search changed since you read it (current ETag \""
                + current + "\"); read it again and retry");
    }
}
