package com.keystone.crm.workflow.enrollment.service;

import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.workflow.enrollment.repository.StepExecutionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes what {@link EnrollmentFlow} produced (history rows, outbox events) in the caller's transaction. */
@ApplicationScoped
public class EffectsWriter {
    private final StepExecutionRepository history;
    private final OutboxWriter outbox;

    public EffectsWriter(StepExecutionRepository history, OutboxWriter outbox) {
        this.history = history;
        this.outbox = outbox;
    }

    public Uni<Void> write(EnrollmentFlow.Effects out) {
        Uni<Void> rows = out.history().isEmpty() ? Uni.createFrom().voidItem() : history.persist(out.history()).replaceWithVoid();
        return rows.chain(() -> out.events().isEmpty() ? Uni.createFrom().voidItem() : outbox.appendAll(out.events()));
    }
}
