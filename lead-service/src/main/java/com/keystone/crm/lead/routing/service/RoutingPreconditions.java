package com.keystone.crm.lead.routing.service;

import com.keystone.crm.platform.chassis.http.IfMatch;
import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleStateException;

/**
 * Optimistic concurrency for routing rules, agent groups, availability and reassignment: {@code If-Match} against
 * the aggregate version (the ETag) by the chassis rule (strong comparison: a weak tag never matches), optional where
 * the caller says so, and a flush that turns a lost race into a problem instead of a 500.
 */
public final class RoutingPreconditions {
    private RoutingPreconditions() {
    }

    /**
     * @param ifMatch  the If-Match header or null
     * @param required whether an update without If-Match is refused (428): true where two admins may edit the same
     *                 configuration, false for one-person toggles the app sends without reading first
     */
    public static void check(String ifMatch, long currentVersion, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw new ProblemException(Problem.of("precondition-required", "Precondition Required", 428,
                        "Send If-Match with the ETag of the version you read"));
            }
            return;
        }
        IfMatch.require(ifMatch, currentVersion);
    }

    /**
     * Flushes the session now, so the entity versions (ETags, event versions) are the ones being committed; a row
     * another transaction changed since it was read becomes a 409.
     */
    public static Uni<Void> flush() {
        return Panache.flush().onFailure(RoutingPreconditions::lostRace).transform(e -> ProblemException.conflict(
                "concurrent-update", "Someone else changed this at the same time; read it again and retry"));
    }

    static boolean lostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }
}
