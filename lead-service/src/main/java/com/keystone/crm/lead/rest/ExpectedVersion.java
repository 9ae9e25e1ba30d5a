package com.keystone.crm.lead.rest;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

/**
 * Optimistic concurrency over HTTP: the {@code If-Match} entity tag a client sends is the aggregate version it
 * last read ({@code ETag: "3"}); a write against any other version is refused with 412.
 */
public final class ExpectedVersion {
    private ExpectedVersion() {
    }

    /**
     * The version named by an If-Match header: null when absent (or {@code *}, any version) and not required;
     * 428 when absent but required; 400 when it is not one of this service's entity tags.
     */
    public static Long parse(String ifMatch, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw new ProblemException(Problem.of("precondition-required", "Precondition Required", 428,
                        "Send If-Match with the ETag of the version you read"));
            }
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.equals("*")) {
            return null;
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("invalid-if-match", "If-Match must be an ETag this service returned, such as \"3\"");
    }

    /** Refuses the write when the client read another version than the current one. */
    public static void check(Long expected, long current, String what) {
        if (expected != null && expected != current) {
            throw ProblemException.preconditionFailed(what + " is at version " + current + ", not " + expected
                    + "; read it again");
        }
    }

    /**
     * True for the failure of a flush that found the row changed by a concurrent transaction after it was read:
     * the same conflict as a stale If-Match, caught one step later.
     */
    public static boolean isConcurrentChange(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StaleStateException || c instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** For an update: the client's version went stale while the request ran. */
    public static ProblemException concurrentChange(Throwable t) {
        return ProblemException.preconditionFailed("It was changed concurrently; read it again");
    }

    /** For a create that also touches the lead (its last activity): nothing was written, the same request may be retried. */
    public static ProblemException concurrentCreate(Throwable t) {
        return ProblemException.conflict("concurrent-change", "The lead changed concurrently; retry the request");
    }
}
