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
 * second. After a batch committed, the steps it ran (new enrollments' first steps) are counted and the timer worker
 * is woken: an enrollment it moved on (a waitFor's event) is usually due at once.
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
        return apply(batch, "workflow-lead-created", LeadCreated.class, intake::leadCreated, true);
    }

    @Incoming("lead-updated")
    public Uni<Void> onLeadUpdated(KafkaRecordBatch<String, String> batch) {
        return apply(batch, "workflow-lead-updated", LeadUpdated.class, intake::leadUpdated, false);
    }

    @Incoming("lead-status-changed")
    public Uni<Void> onStatusChanged(KafkaRecordBatch<String, String> batch) {
        return apply(batch, "workflow-lead-status", LeadStatusChanged.class, intake::statusChanged, true);
    }

    @Incoming("lead-scored")
    public Uni<Void> onScored(KafkaRecordBatch<String, String> batch) {
        return apply(batch, "workflow-lead-scored", LeadScored.class, intake::scored, true);
    }

    @Incoming("lead-activity-recorded")
    public Uni<Void> onActivity(KafkaRecordBatch<String, String> batch) {
        return apply(batch, "workflow-lead-activity", LeadActivityRecorded.class, intake::activity, true);
    }

    @Incoming("notification-replied")
    public Uni<Void> onReplied(KafkaRecordBatch<String, String> batch) {
        return apply(batch, "workflow-replies", NotificationReplied.class, intake::replied, true);
    }

    @Incoming("contact-opted-out")
    public Uni<Void> onOptedOut(KafkaRecordBatch<String, String> batch) {
        return apply(batch, "workflow-opt-outs", ContactOptedOut.class, intake::optedOut, false);
    }

    /**
     * The poll through the inbox, then (committed) its steps counted and, for channels that can make a step due,
     * the worker woken. Each attempt replaces what the one before it ran, so a committed poll's steps count once (a
     * poll that failed and was applied one event per transaction counts its last event's).
     */
    private <T extends EventPayload> Uni<Void> apply(KafkaRecordBatch<String, String> batch, String handler, Class<T> type,
                                                     Function<List<T>, Uni<List<StepRunner.Ran>>> intakeOf, boolean wake) {
        AtomicReference<List<StepRunner.Ran>> ran = new AtomicReference<>(List.of());
        return consumer.handleBatch(batch, handler, type, events -> intakeOf.apply(payloads(events)).invoke(ran::set).replaceWithVoid())
                .invoke(() -> {
                    runner.record(ran.get());
                    if (wake) {
                        worker.wake();
                    }
                });
    }

    private static <T> List<T> payloads(List<IncomingEvent<T>> events) {
        return events.stream().map(IncomingEvent::payload).toList();
    }
}
