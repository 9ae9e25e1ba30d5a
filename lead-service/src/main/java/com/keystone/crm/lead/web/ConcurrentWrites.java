package com.keystone.crm.lead.web;

import com.keystone.crm.platform.chassis.problem.ProblemException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

/**
 * The flush that finds a row changed by a concurrent transaction after this one read it (the version column moved):
 * the same conflict as a stale If-Match, caught one step later, answered as a problem instead of a 500.
 */
public final class ConcurrentWrites {
    private ConcurrentWrites() {
    }

    public static boolean isConflict(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StaleStateException || c instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    /** For an update: the version the client sent went stale while the request ran. */
    public static ProblemException staleUpdate(Throwable t) {
        return ProblemException.preconditionFailed("It was changed concurrently; read it again and retry");
    }

    /** For a create: nothing was written, the same request may simply be retried. */
    public static ProblemException retryCreate(Throwable t) {
        return ProblemException.conflict("concurrent-change", "A concurrent change got in the way; retry the request");
    }
}
