package com.keystone.crm.workflow.common;

import java.util.Collection;
import java.util.UUID;

/**
 * A set of ids as one PostgreSQL array parameter ({@code = ANY(?1)}) of a native query: Hibernate translates a query
 * with an {@code in} list afresh at every execution (a list parameter makes its plan uncacheable), 8 % of the event
 * loop's samples in the intake's status benchmark (tools/bench/results/workflow.md).
 */
public final class UuidArray {
    private UuidArray() {
    }

    public static UUID[] of(Collection<UUID> ids) {
        return ids.toArray(UUID[]::new);
    }
}
