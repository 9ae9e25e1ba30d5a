package com.keystone.crm.workflow.intake.messaging;

import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.contracts.events.ContactOptedOut;
import com.keystone.crm.platform.contracts.events.LeadActivityRecorded;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadScored;
import com.keystone.crm.platform.contracts.events.LeadStatusChanged;
import com.keystone.crm.platform.contracts.events.LeadUpdated;
import com.keystone.crm.platform.contracts.events.NotificationReplied;
import com.keystone.crm.workflow.enrollment.service.EnrollmentWorker;
import com.keystone.crm.workflow.intake.service.LeadEventIntake;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * The events workflow-service consumes, each applied once through the inbox ({@link IdempotentConsumer}) by
 * {@link LeadEventIntake}. Each channel takes a poll at a time ({@code batch=true}): its events are applied one after
 * the other (a lead's in the order it wrote them) in one transaction with one inbox statement, their leads and open
 * enrollments read and written once for the poll, which is what lets the intake keep up with hundreds of events a
 * second. After a batch committed, the timer worker is woken: an enrollment
 * it started or moved on is usually due at once.
 */
@ApplicationScoped
public class LeadEventConsumers {
    private final IdempotentConsumer consumer;
    private final LeadEventIntake intake;
    private final EnrollmentWorker worker;

    public LeadEventConsumers(IdempotentConsumer consumer, LeadEventIntake intake, EnrollmentWorker worker) {
        this.consumer = consumer;
        this.intake = intake;
        this.worker = worker;
    }

    @Incoming("lead-created")
    public Uni<Void> onLeadCreated(KafkaRecordBatch<String, String> batch) {
        return consumer.handleBatch(batch, "workflow-lead-created", LeadCreated.class, events -> intake.leadCreated(payloads(events)))
                .invoke(worker::wake);
    }

    @Incoming("lead-updated")
    public Uni<Void> onLeadUpdated(KafkaRecordBatch<String, String> batch) {
        return consumer.handleBatch(batch, "workflow-lead-updated", LeadUpdated.class, events -> intake.leadUpdated(payloads(events)));
    }

    @Incoming("lead-status-changed")
    public Uni<Void> onStatusChanged(KafkaRecordBatch<String, String> batch) {
        return consumer.handleBatch(batch, "workflow-lead-status", LeadStatusChanged.class, events -> intake.statusChanged(payloads(events)))
                .invoke(worker::wake);
    }

    @Incoming("lead-scored")
    public Uni<Void> onScored(KafkaRecordBatch<String, String> batch) {
        return consumer.handleBatch(batch, "workflow-lead-scored", LeadScored.class, events -> intake.scored(payloads(events)))
                .invoke(worker::wake);
    }

    @Incoming("lead-activity-recorded")
    public Uni<Void> onActivity(KafkaRecordBatch<String, String> batch) {
        return consumer.handleBatch(batch, "workflow-lead-activity", LeadActivityRecorded.class, events -> intake.activity(payloads(events)))
                .invoke(worker::wake);
    }

    @Incoming("notification-replied")
    public Uni<Void> onReplied(KafkaRecordBatch<String, String> batch) {
        return consumer.handleBatch(batch, "workflow-replies", NotificationReplied.class, events -> intake.replied(payloads(events)))
                .invoke(worker::wake);
    }

    @Incoming("contact-opted-out")
    public Uni<Void> onOptedOut(KafkaRecordBatch<String, String> batch) {
        return consumer.handleBatch(batch, "workflow-opt-outs", ContactOptedOut.class, events -> intake.optedOut(payloads(events)));
    }

    private static <T> List<T> payloads(List<IncomingEvent<T>> events) {
        return events.stream().map(IncomingEvent::payload).toList();
    }
}
