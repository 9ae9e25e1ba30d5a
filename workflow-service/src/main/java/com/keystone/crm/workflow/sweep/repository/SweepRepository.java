package com.keystone.crm.workflow.sweep.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** The sweep rows ({@code workflow_sweep}): opened once per workflow and window, walked batch by batch. */
@ApplicationScoped
public class SweepRepository {
    /** Opens the window unless an instance already did (the unique key decides a race); true when this call did. */
    static final String OPEN = """
            INSERT INTO workflow_sweep (id, tenant_id, workflow_id, workflow_version, window_start, state, opened_at)
            VALUES (?1, ?2, ?3, ?4, ?5, 'running', ?6)
            ON CONFLICT (workflow_id, window_start) DO NOTHING""";

    static final String LOCK_HELD = """
            SELECT cast(workflow_id as text), cast(after_lead_id as text), cast(window_start as text) FROM workflow_sweep
            WHERE id = cast(cast(?1 as text) as uuid) AND state = 'running' AND lease_owner = ?2 FOR UPDATE""";

    static final String ADVANCE = """
            UPDATE workflow_sweep SET after_lead_id = cast(cast(?2 as text) as uuid), considered = considered + ?3,
                   enrolled = enrolled + ?4, state = ?5, finished_at = ?6
            WHERE id = cast(cast(?1 as text) as uuid)""";

    /** A running sweep held by its worker, locked for the batch's transaction. */
    public record Held(UUID workflowId, UUID afterLeadId, String windowStart) {
    }

    public Uni<Boolean> open(String tenantId, UUID workflowId, int version, Instant windowStart, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery(OPEN)
                .setParameter(1, UUID.randomUUID()).setParameter(2, tenantId).setParameter(3, workflowId)
                .setParameter(4, version).setParameter(5, windowStart).setParameter(6, now)
                .executeUpdate()).map(n -> n == 1);
    }

    /** The sweep if it still runs and {@code owner} holds its lease (else null: finished or taken over). */
    public Uni<Held> lockHeld(UUID id, String owner) {
        return Panache.getSession().chain(s -> s.createNativeQuery(LOCK_HELD, Object[].class)
                        .setParameter(1, id.toString()).setParameter(2, owner).getResultList())
                .map(rows -> rows.isEmpty() ? null : new Held(UUID.fromString(rows.get(0)[0].toString()),
                        rows.get(0)[1] == null ? null : UUID.fromString(rows.get(0)[1].toString()), rows.get(0)[2].toString()));
    }

    /** Moves the cursor past a batch (in the batch's transaction); {@code finishedAt} not null ends the sweep. */
    public Uni<Void> advance(UUID id, UUID afterLeadId, int considered, int enrolled, Instant finishedAt) {
        return Panache.getSession().chain(s -> s.createNativeQuery(ADVANCE)
                .setParameter(1, id.toString()).setParameter(2, afterLeadId == null ? null : afterLeadId.toString())
                .setParameter(3, considered).setParameter(4, enrolled)
                .setParameter(5, finishedAt == null ? "running" : "done").setParameter(6, finishedAt)
                .executeUpdate()).replaceWithVoid();
    }
}
