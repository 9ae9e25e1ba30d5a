package com.keystone.crm.workflow.intake.service;

import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.ContactOptedOut;
import com.keystone.crm.platform.contracts.events.LeadActivityRecorded;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.LeadStatusChanged;
import com.keystone.crm.platform.contracts.events.LeadUpdated;
import com.keystone.crm.platform.contracts.events.NotificationReplied;
import com.keystone.crm.workflow.definition.domain.Definition;
import com.keystone.crm.workflow.definition.domain.TriggerType;
import com.keystone.crm.workflow.definition.domain.Workflow;
import com.keystone.crm.workflow.definition.repository.WorkflowRepository;
import com.keystone.crm.workflow.definition.service.Conditions;
import com.keystone.crm.workflow.definition.service.PublishedDefinitions;
import com.keystone.crm.workflow.enrollment.domain.Enrollment;
import com.keystone.crm.workflow.enrollment.domain.EnrollmentState;
import com.keystone.crm.workflow.enrollment.domain.ExitReason;
import com.keystone.crm.workflow.enrollment.repository.EnrollmentRepository;
import com.keystone.crm.workflow.enrollment.service.EffectsWriter;
import com.keystone.crm.workflow.enrollment.service.Enroller;
import com.keystone.crm.workflow.enrollment.service.EnrollmentFlow;
import com.keystone.crm.workflow.lead.domain.LeadProjection;
import com.keystone.crm.workflow.lead.service.LeadFacts;
import com.keystone.crm.workflow.lead.service.LeadProjections;
import com.keystone.crm.workflow.template.service.TemplateSeeder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.FlushMode;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * What incoming events do, a poll at a time in the consumer's transaction (the inbox records the event ids in it): the
 * lead projection is updated; open enrollments of the lead are checked for exits (reply, opt-out, goal status, lead
 * deleted or merged) and for the event a waitFor step waits for; then workflows whose trigger matches enroll the
 * lead, and a new enrollment's steps due at once run. Events of one lead arrive in order (Kafka key = lead id) and
 * apply in that order. Each poll answers what its caller does once it committed ({@link PollOutcome}).
 */
@ApplicationScoped
public class LeadEventIntake {
    private final LeadProjections projections;
    private final EnrollmentRepository enrollments;
    private final WorkflowRepository workflows;
    private final PublishedDefinitions definitions;
    private final EnrollmentFlow flow;
    private final Enroller enroller;
    private final EffectsWriter writer;
    private final Conditions conditions;
    private final TemplateSeeder templates;
    private final CrmClock clock;

    public LeadEventIntake(LeadProjections projections, EnrollmentRepository enrollments, WorkflowRepository workflows,
                           PublishedDefinitions definitions, EnrollmentFlow flow, Enroller enroller, EffectsWriter writer,
                           Conditions conditions, TemplateSeeder templates, CrmClock clock) {
        this.projections = projections;
        this.enrollments = enrollments;
        this.workflows = workflows;
        this.definitions = definitions;
        this.flow = flow;
        this.enroller = enroller;
        this.writer = writer;
        this.conditions = conditions;
        this.templates = templates;
        this.clock = clock;
    }

    private record Ctx(IntakeBatch batch, LeadProjection lead, Instant now) {
        EnrollmentFlow.Effects out() {
            return batch.out();
        }
    }

    /** A poll of lead.created; the tenants' templates are seeded first (once per tenant). */
    public Uni<PollOutcome> leadCreated(List<LeadCreated> events) {
        Uni<Void> seeded = Uni.createFrom().voidItem();
        for (String tenantId : events.stream().map(LeadCreated::getTenantId).distinct().toList()) {
            seeded = seeded.chain(() -> templates.seedOnce(tenantId));
        }
        return seeded.chain(() -> inBatch(events, LeadCreated::getTenantId, LeadCreated::getLeadId, this::leadCreated));
    }

    public Uni<PollOutcome> leadUpdated(List<LeadUpdated> events) {
        return inBatch(events, LeadUpdated::getTenantId, LeadUpdated::getLeadId, this::leadUpdated);
    }

    public Uni<PollOutcome> statusChanged(List<LeadStatusChanged> events) {
        return inBatch(events, LeadStatusChanged::getTenantId, LeadStatusChanged::getLeadId, this::statusChanged);
    }

    public Uni<PollOutcome> scored(List<LeadScored> events) {
        return inBatch(events, LeadScored::getTenantId, LeadScored::getLeadId, this::scored);
    }

    public Uni<PollOutcome> activity(List<LeadActivityRecorded> events) {
        return inBatch(events, LeadActivityRecorded::getTenantId, LeadActivityRecorded::getLeadId, this::activity);
    }

    public Uni<PollOutcome> replied(List<NotificationReplied> events) {
        return inBatch(events, NotificationReplied::getTenantId, NotificationReplied::getLeadId, this::replied);
    }

    public Uni<PollOutcome> optedOut(List<ContactOptedOut> events) {
        return inBatch(events, ContactOptedOut::getTenantId, ContactOptedOut::getLeadId, this::optedOut);
    }

    private Uni<Void> leadCreated(IntakeBatch batch, LeadCreated e) {
        return withLead(batch, e.getTenantId(), e.getLeadId(), ctx -> {
            projections.created(ctx.lead(), e);
            return trigger(ctx, TriggerType.LEAD_CREATED, Map.of(), (t, facts) -> filter(t, facts));
        });
    }

    private Uni<Void> leadUpdated(IntakeBatch batch, LeadUpdated e) {
        return withLead(batch, e.getTenantId(), e.getLeadId(), ctx -> {
            projections.updated(ctx.lead(), e);
            if (!ctx.lead().deleted) {
                return Uni.createFrom().voidItem();
            }
            return open(ctx, (en, d) -> {
                flow.finish(en, EnrollmentState.EXITED, ExitReason.LEAD_DELETED, "lead-service", ctx.now(), ctx.out());
            });
        });
    }

    private Uni<Void> statusChanged(IntakeBatch batch, LeadStatusChanged e) {
        String from = e.getFromStatus().value();
        String to = e.getToStatus().value();
        return withLead(batch, e.getTenantId(), e.getLeadId(), ctx -> {
            if (!projections.statusChanged(ctx.lead(), e.getVersion(), to, e.getAssignedAgentId())) {
                return Uni.createFrom().voidItem(); // stale: an older status than the one we hold
            }
            return open(ctx, (en, d) -> {
                if (d.isGoal(to)) {
                    flow.finish(en, EnrollmentState.COMPLETED, ExitReason.GOAL_REACHED, e.getChangedBy(), ctx.now(), ctx.out());
                } else if (EnrollmentFlow.waitsFor(en, Definition.WaitEvent.STATUS, to)) {
                    flow.eventArrived(en, d, ctx.lead(), "status " + to, ctx.now(), ctx.out());
                }
            }).chain(() -> trigger(ctx, TriggerType.STATUS_CHANGED, Map.of("fromStatus", from, "toStatus", to),
                    (t, facts) -> (t.from() == null || t.from().isEmpty() || t.from().contains(from))
                            && (t.to() == null || t.to().isEmpty() || t.to().contains(to)) && filter(t, facts)));
        });
    }

    private Uni<Void> scored(IntakeBatch batch, LeadScored e) {
        double score = e.getScore().doubleValue();
        String tier = e.getTier().value();
        return withLead(batch, e.getTenantId(), e.getLeadId(), ctx -> {
            LeadProjection lead = ctx.lead();
            Double previousScore = lead.score != null ? lead.score
                    : e.getPreviousScore() == null ? null : e.getPreviousScore().doubleValue();
            String previousTier = lead.tier != null ? lead.tier : e.getPreviousTier() == null ? null : e.getPreviousTier().value();
            if (!projections.scored(lead, e.getVersion(), score, tier)) {
                return Uni.createFrom().voidItem();
            }
            return open(ctx, (en, d) -> {
                if (EnrollmentFlow.waitsFor(en, Definition.WaitEvent.SCORE_TIER, tier)) {
                    flow.eventArrived(en, d, lead, "tier " + tier, ctx.now(), ctx.out());
                }
            }).chain(() -> trigger(ctx, TriggerType.SCORED, Map.of("score", score, "tier", tier), (t, facts) -> {
                // a crossing, not every rescore: into the tier, or from below the threshold to at or above it
                boolean crossed = t.tier() != null
                        ? t.tier().equals(tier) && !tier.equals(previousTier)
                        : score >= t.threshold() && (previousScore == null || previousScore < t.threshold());
                return crossed && filter(t, facts);
            }));
        });
    }

    private Uni<Void> activity(IntakeBatch batch, LeadActivityRecorded e) {
        String type = e.getActivityType();
        return withLead(batch, e.getTenantId(), e.getLeadId(), ctx -> {
            projections.activity(ctx.lead(), type, e.getOccurredAt());
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("activityType", type);
            put(context, "listingKey", e.getListingKey());
            put(context, "savedSearchId", e.getSavedSearchId() == null ? null : e.getSavedSearchId().toString());
            put(context, "matchReason", e.getMatchReason() == null ? null : e.getMatchReason().value());
            put(context, "listPrice", e.getListPrice());
            put(context, "previousListPrice", e.getPreviousListPrice());
            put(context, "summary", e.getSummary());
            return open(ctx, (en, d) -> {
                if (EnrollmentFlow.waitsFor(en, Definition.WaitEvent.ACTIVITY, type)) {
                    flow.eventArrived(en, d, ctx.lead(), "activity " + type, ctx.now(), ctx.out());
                }
            }).chain(() -> trigger(ctx, TriggerType.ACTIVITY, context,
                    (t, facts) -> type.equals(t.activityType()) && filter(t, facts)));
        });
    }

    /** A reply: a waitFor(reply) step moves on; any other enrollment of the lead ends (unless its workflow says not). */
    private Uni<Void> replied(IntakeBatch batch, NotificationReplied e) {
        if (e.getLeadId() == null) {
            return Uni.createFrom().voidItem(); // a reply nobody could tie to a lead
        }
        if (Boolean.TRUE.equals(e.getOptOut())) {
            // a STOP is an opt-out, not a conversation: notification-service publishes it both as this reply and as
            // contact.opted-out, on two topics consumed independently; whichever arrives first ends the enrollment
            // as opted-out, and no waitFor(reply) moves on
            return optedOut(batch, e.getTenantId(), e.getLeadId(), e.getChannel().value());
        }
        return withLead(batch, e.getTenantId(), e.getLeadId(), ctx -> {
            projections.replied(ctx.lead(), e.getOccurredAt());
            return open(ctx, (en, d) -> {
                if (EnrollmentFlow.waitsFor(en, Definition.WaitEvent.REPLY, null)) {
                    en.replyHandledAt = e.getOccurredAt();
                    flow.eventArrived(en, d, ctx.lead(), "reply " + e.getChannel().value(), ctx.now(), ctx.out());
                } else if (d.exitOnReply()) {
                    flow.finish(en, EnrollmentState.EXITED, ExitReason.LEAD_REPLIED, "lead", ctx.now(), ctx.out());
                }
            });
        });
    }

    private Uni<Void> optedOut(IntakeBatch batch, ContactOptedOut e) {
        if (e.getLeadId() == null) {
            return Uni.createFrom().voidItem();
        }
        return optedOut(batch, e.getTenantId(), e.getLeadId(), e.getChannel().value());
    }

    private Uni<Void> optedOut(IntakeBatch batch, String tenantId, UUID leadId, String channel) {
        return withLead(batch, tenantId, leadId, ctx -> {
            projections.optedOut(ctx.lead(), channel);
            return open(ctx, (en, d) -> {
                if (d.exitOnOptOut()) {
                    flow.finish(en, EnrollmentState.EXITED, ExitReason.OPTED_OUT, "lead", ctx.now(), ctx.out());
                }
            });
        });
    }

    private interface LeadWork {
        Uni<Void> apply(Ctx ctx);
    }

    private interface OpenWork {
        void apply(Enrollment e, Definition d);
    }

    /**
     * A poll's events applied one after the other (a lead's in the order it wrote them) to its working set
     * ({@link IntakeBatch}): the leads made when unknown and locked with one statement, their open enrollments locked
     * with one, new enrollments and all changes written by one flush when the poll is done (JDBC-batched). The session
     * does not flush before each query meanwhile (flush mode commit): it would dirty-check the whole poll's entities
     * every time, and the queries between (workflows, versions, whether a lead was ever enrolled) do not read what the
     * poll changed, which the working set answers instead.
     */
    private <E> Uni<PollOutcome> inBatch(List<E> events, Function<E, String> tenantOf, Function<E, UUID> leadOf,
                                  BiFunction<IntakeBatch, E, Uni<Void>> apply) {
        Map<UUID, String> tenantByLead = new LinkedHashMap<>();
        for (E e : events) {
            UUID leadId = leadOf.apply(e);
            if (leadId != null) {
                tenantByLead.putIfAbsent(leadId, tenantOf.apply(e));
            }
        }
        if (tenantByLead.isEmpty()) {
            return Uni.createFrom().item(PollOutcome.NOTHING);
        }
        return Panache.getSession().chain(s -> s.flush().invoke(() -> s.setFlushMode(FlushMode.COMMIT)))
                .chain(() -> projections.lockAll(tenantByLead))
                .chain(leads -> enrollments.lockOpenOfLeads(leads.keySet()).map(open -> new IntakeBatch(leads, open)))
                .chain(batch -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (E e : events) {
                        chain = chain.chain(() -> apply.apply(batch, e));
                    }
                    return chain.chain(() -> writer.write(batch.out()))
                            .chain(() -> Panache.getSession().chain(s -> s.flush().invoke(() -> s.setFlushMode(FlushMode.AUTO))))
                            .map(v -> new PollOutcome(batch.ran(), batch.stepsDue(clock.now())));
                });
    }

    private Uni<Void> withLead(IntakeBatch batch, String tenantId, UUID leadId, LeadWork work) {
        LeadProjection lead = batch.lead(tenantId, leadId);
        if (lead == null) {
            return Uni.createFrom().voidItem(); // the lead id belongs to another tenant: not ours to touch
        }
        return work.apply(new Ctx(batch, lead, clock.now()));
    }

    /** Applies {@code work} to each open enrollment of the lead (locked for the poll) with its version's definition. */
    private Uni<Void> open(Ctx ctx, OpenWork work) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Enrollment en : ctx.batch().open(ctx.lead().leadId)) {
            chain = chain.chain(() -> definitions.get(en.workflowId, en.workflowVersion)
                    .invoke(d -> work.apply(en, d)).replaceWithVoid());
        }
        return chain;
    }

    private Uni<Void> trigger(Ctx ctx, String triggerType, Map<String, Object> context,
                              BiPredicate<Definition.Trigger, Map<String, Object>> matches) {
        LeadProjection lead = ctx.lead();
        if (lead.deleted) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Object> facts = LeadFacts.of(lead, ctx.now());
        return ctx.batch().triggeredBy(lead.tenantId, triggerType, () -> workflows.triggeredBy(lead.tenantId, triggerType)).chain(list -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (var w : list) {
                chain = chain.chain(() -> definitions.get(w.id, w.publishedVersion).chain(d -> matches.test(d.trigger(), facts)
                        ? enroll(ctx, w, d, "trigger:" + triggerType, context)
                        : Uni.createFrom().voidItem()));
            }
            return chain;
        });
    }

    /**
     * Enrolls the lead ({@link Enroller#enrollLocked}: the poll holds its open enrollments, and the database's unique
     * index has the last word). An enrollment in the workflow that ended earlier in the poll is written first: the
     * session's flush inserts before it updates, and the index would still see that one open. The new enrollment's
     * steps due at once run in this transaction, with the lead locked; its first wait is left to the timer worker.
     */
    private Uni<Void> enroll(Ctx ctx, Workflow w, Definition d, String by, Map<String, Object> context) {
        IntakeBatch batch = ctx.batch();
        UUID leadId = ctx.lead().leadId;
        if (batch.hasOpen(w.id, leadId)) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> written = batch.endedHere(w.id, leadId)
                ? Panache.getSession().chain(Mutiny.Session::flush)
                : Uni.createFrom().voidItem();
        return written.chain(() -> enroller.enrollLocked(w, d, ctx.lead(), batch.enrolledHere(w.id, leadId), by, context,
                        ctx.out(), batch.ran()))
                .invoke(e -> {
                    if (e != null) {
                        batch.started(e);
                    }
                }).replaceWithVoid();
    }

    private boolean filter(Definition.Trigger t, Map<String, Object> facts) {
        return t.filter() == null || conditions.holds(t.filter(), facts);
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v instanceof java.math.BigDecimal b ? b.doubleValue() : v);
        }
    }
}
