package com.keystone.crm.workflow.sweep.service;

import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.workflow.config.WorkflowConfig;
import com.keystone.crm.workflow.definition.domain.Definition;
import com.keystone.crm.workflow.definition.domain.TriggerType;
import com.keystone.crm.workflow.definition.domain.Workflow;
import com.keystone.crm.workflow.definition.repository.WorkflowRepository;
import com.keystone.crm.workflow.definition.service.Conditions;
import com.keystone.crm.workflow.definition.service.PublishedDefinitions;
import com.keystone.crm.workflow.enrollment.service.EffectsWriter;
import com.keystone.crm.workflow.enrollment.service.Enroller;
import com.keystone.crm.workflow.enrollment.service.EnrollmentFlow;
import com.keystone.crm.workflow.lead.domain.LeadProjection;
import com.keystone.crm.workflow.lead.repository.LeadProjectionRepository;
import com.keystone.crm.workflow.lead.service.LeadFacts;
import com.keystone.crm.workflow.sweep.repository.SweepRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One batch of a sweep, in the caller's transaction: the sweep row is locked (and its lease checked), the next leads
 * of the tenant in id order are matched against the trigger's filter, the matching ones enroll, and the cursor moves
 * past the batch, all in one commit. A crash loses the batch whole, so the next holder redoes exactly it: each lead is
 * considered once per window. A workflow paused or unpublished meanwhile ends the sweep without enrolling anyone.
 */
@ApplicationScoped
public class SweepBatch {
    private final SweepRepository sweeps;
    private final WorkflowRepository workflows;
    private final PublishedDefinitions definitions;
    private final LeadProjectionRepository leads;
    private final Conditions conditions;
    private final Enroller enroller;
    private final EffectsWriter writer;
    private final CrmClock clock;
    private final WorkflowConfig config;

    public SweepBatch(SweepRepository sweeps, WorkflowRepository workflows, PublishedDefinitions definitions,
                      LeadProjectionRepository leads, Conditions conditions, Enroller enroller, EffectsWriter writer,
                      CrmClock clock, WorkflowConfig config) {
        this.sweeps = sweeps;
        this.workflows = workflows;
        this.definitions = definitions;
        this.leads = leads;
        this.conditions = conditions;
        this.enroller = enroller;
        this.writer = writer;
        this.clock = clock;
        this.config = config;
    }

    /** Runs the next batch of the sweep {@code owner} holds; answers whether more remain. */
    public Uni<Boolean> run(UUID sweepId, String owner) {
        Instant now = clock.now();
        return sweeps.lockHeld(sweepId, owner).chain(held -> {
            if (held == null) {
                return Uni.createFrom().item(false);
            }
            return workflows.findById(held.workflowId()).chain(w -> {
                if (w == null || !Workflow.ACTIVE.equals(w.status) || w.publishedVersion == null
                        || !TriggerType.SCHEDULE.equals(w.triggerType)) {
                    return sweeps.advance(sweepId, held.afterLeadId(), 0, 0, now).replaceWith(false);
                }
                return definitions.get(w.id, w.publishedVersion).chain(d -> batch(sweepId, held, w, d, now));
            });
        });
    }

    private Uni<Boolean> batch(UUID sweepId, SweepRepository.Held held, Workflow w, Definition d, Instant now) {
        int size = config.sweep().batchSize();
        Map<String, Object> context = Map.of("sweepWindow", held.windowStart());
        EnrollmentFlow.Effects out = new EnrollmentFlow.Effects(new ArrayList<>(), new ArrayList<>());
        AtomicInteger enrolled = new AtomicInteger();
        return leads.walk(w.tenantId, held.afterLeadId(), size).chain(page -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (LeadProjection lead : page) {
                if (matches(d, lead, now)) {
                    chain = chain.chain(() -> enroller.enroll(w, d, lead, "trigger:" + TriggerType.SCHEDULE, context, out)
                            .invoke(e -> {
                                if (e != null) {
                                    enrolled.incrementAndGet();
                                }
                            }).replaceWithVoid());
                }
            }
            boolean more = page.size() == size;
            UUID last = page.isEmpty() ? held.afterLeadId() : page.get(page.size() - 1).leadId;
            return chain.chain(() -> writer.write(out))
                    .chain(() -> sweeps.advance(sweepId, last, page.size(), enrolled.get(), more ? null : now))
                    .replaceWith(more);
        });
    }

    private boolean matches(Definition d, LeadProjection lead, Instant now) {
        String filter = d.trigger().filter();
        return filter == null || conditions.holds(filter, LeadFacts.of(lead, now));
    }

    /** Opens the current window of every active schedule workflow not opened yet; answers how many this call opened. */
    public Uni<Integer> openDueWindows() {
        Instant now = clock.now();
        return workflows.list("triggerType = ?1 and publishedVersion is not null and status = ?2",
                TriggerType.SCHEDULE, Workflow.ACTIVE).chain(list -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (Workflow w : list) {
                chain = chain.chain(n -> definitions.get(w.id, w.publishedVersion).chain(d -> sweeps.open(w.tenantId, w.id,
                        w.publishedVersion, SweepWindows.windowStart(now, d.trigger().period()), now))
                        .map(did -> did ? n + 1 : n));
            }
            return chain;
        });
    }
}
