package com.keystone.crm.workflow.common;

import com.keystone.crm.platform.chassis.problem.ProblemException;

import java.util.UUID;

/** Ids in paths: a malformed one names nothing, so it is a 404 like an unknown one. */
public final class Ids {
    private Ids() {
    }

    public static UUID parse(String raw, String what) {
        try {
            UUID id = UUID.fromString(raw);
            if (!id.toString().equalsIgnoreCase(raw)) {
                throw new IllegalArgumentException(raw); // UUID.fromString accepts short forms such as 1-1-1-1-1
            }
            return id;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound(what + " " + raw);
        }
    }
}
