package com.keystone.crm.workflow.intake.messaging;

import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.contracts.EventPayload;
import com.keystone.crm.platform.contracts.events.ContactOptedOut;
import com.keystone.crm.platform.contracts.events.LeadActivityRecorded;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.LeadStatusChanged;
import com.keystone.crm.platform.contracts.events.LeadUpdated;
import com.keystone.crm.platform.contracts.events.NotificationReplied;
import com.keystone.crm.workflow.enrollment.service.EnrollmentWorker;
import com.keystone.crm.workflow.enrollment.service.StepRunner;
import com.keystone.crm.workflow.intake.service.LeadEventIntake;
import com.keystone.crm.workflow.intake.service.PollOutcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The events workflow-service consumes, each applied once through the inbox ({@link IdempotentConsumer}) by
 * {@link LeadEventIntake}. Each channel takes a poll at a time ({@code batch=true}): its events are applied one after
 * the other (a lead's in the order it wrote them) in one transaction with one inbox statement, their leads and open
 * enrollments read and written once for the poll, which is what lets the intake keep up with hundreds of events a
 * second. After a batch committed, the steps it ran (new enrollments' first steps) are counted and, when it left an
 * enrollment due at once (a waitFor's event moved it on), the timer worker is woken.
 */
@ApplicationScoped
public class LeadEventConsumers {
    private final IdempotentConsumer consumer;
    private final LeadEventIntake intake;
    private final StepRunner runner;
    private final EnrollmentWorker worker;

    public LeadEventConsumers(IdempotentConsumer consumer, LeadEventIntake intake, StepRunner runner, EnrollmentWorker worker) {
        this.consumer = consumer;
        this.intake = intake;
        this.runner = runner;
        this.worker = worker;
    }

    @Incoming("lead-created")
    public Uni<Void> onLeadCreated(KafkaRecordBatch<String, String> batch) {
        return apply(batch, "workflow-lead-created", LeadCreated.class, intake::leadCreated);
    }

    @Incoming("lead-updated")
    public Uni<Void> onLeadUpdated(KafkaRecordBatch<String, String> batch) {
        return apply(batch, "workflow-lead-updated", LeadUpdated.class, intake::leadUpdated);
    }

    @Incoming("lead-status-changed")
    public Uni<Void> onStatusChanged(KafkaRecordBatch<String, String> batch) {
        return apply(batch, "workflow-lead-status", LeadStatusChanged.class, intake::statusChanged);
    }

    @Incoming("lead-scored")
    public Uni<Void> onScored(KafkaRecordBatch<String, String> batch) {
        return apply(batch, "workflow-lead-scored", LeadScored.class, intake::scored);
    }

    @Incoming("lead-activity-recorded")
    public Uni<Void> onActivity(KafkaRecordBatch<String, String> batch) {
        return apply(batch, "workflow-lead-activity", LeadActivityRecorded.class, intake::activity);
    }

    @Incoming("notification-replied")
    public Uni<Void> onReplied(KafkaRecordBatch<String, String> batch) {
        return apply(batch, "workflow-replies", NotificationReplied.class, intake::replied);
    }

    @Incoming("contact-opted-out")
    public Uni<Void> onOptedOut(KafkaRecordBatch<String, String> batch) {
        return apply(batch, "workflow-opt-outs", ContactOptedOut.class, intake::optedOut);
    }

    /**
     * The poll through the inbox, then, committed, its steps counted and the worker woken if it left a step due at
     * once. Each attempt replaces what the one before it did, so a committed poll's steps count once. A poll that
     * failed and was applied one event per transaction reports its last attempt only: its count may be off, and a
     * step it left due runs at the worker's next poll instead.
     */
    private <T extends EventPayload> Uni<Void> apply(KafkaRecordBatch<String, String> batch, String handler, Class<T> type,
                                                     Function<List<T>, Uni<PollOutcome>> intakeOf) {
        AtomicReference<PollOutcome> outcome = new AtomicReference<>();
        return consumer.handleBatch(batch, handler, type, events -> intakeOf.apply(payloads(events)).invoke(outcome::set).replaceWithVoid())
                .invoke(() -> {
                    PollOutcome done = outcome.get();
                    if (done != null) {
                        runner.record(done.ran());
                        if (done.stepsDue()) {
                            worker.wake();
                        }
                    }
                });
    }

    private static <T> List<T> payloads(List<IncomingEvent<T>> events) {
        return events.stream().map(IncomingEvent::payload).toList();
    }
}
