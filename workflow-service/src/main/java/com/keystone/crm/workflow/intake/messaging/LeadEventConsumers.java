package com.keystone.crm.workflow.intake.messaging;

import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
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
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The events workflow-service consumes, each applied once through the inbox ({@link IdempotentConsumer}) by
 * {@link LeadEventIntake}. After an event committed, the timer worker is woken: an enrollment it started or moved on
 * is usually due at once.
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
    public Uni<Void> onLeadCreated(ConsumerRecord<String, String> record) {
        return consumer.handle(record, "workflow-lead-created", LeadCreated.class, e -> intake.leadCreated(e.payload()))
                .invoke(worker::wake);
    }

    @Incoming("lead-updated")
    public Uni<Void> onLeadUpdated(ConsumerRecord<String, String> record) {
        return consumer.handle(record, "workflow-lead-updated", LeadUpdated.class, e -> intake.leadUpdated(e.payload()));
    }

    @Incoming("lead-status-changed")
    public Uni<Void> onStatusChanged(ConsumerRecord<String, String> record) {
        return consumer.handle(record, "workflow-lead-status", LeadStatusChanged.class, e -> intake.statusChanged(e.payload()))
                .invoke(worker::wake);
    }

    @Incoming("lead-scored")
    public Uni<Void> onScored(ConsumerRecord<String, String> record) {
        return consumer.handle(record, "workflow-lead-scored", LeadScored.class, e -> intake.scored(e.payload()))
                .invoke(worker::wake);
    }

    @Incoming("lead-activity-recorded")
    public Uni<Void> onActivity(ConsumerRecord<String, String> record) {
        return consumer.handle(record, "workflow-lead-activity", LeadActivityRecorded.class, e -> intake.activity(e.payload()))
                .invoke(worker::wake);
    }

    @Incoming("notification-replied")
    public Uni<Void> onReplied(ConsumerRecord<String, String> record) {
        return consumer.handle(record, "workflow-replies", NotificationReplied.class, e -> intake.replied(e.payload()))
                .invoke(worker::wake);
    }

    @Incoming("contact-opted-out")
    public Uni<Void> onOptedOut(ConsumerRecord<String, String> record) {
        return consumer.handle(record, "workflow-opt-outs", ContactOptedOut.class, e -> intake.optedOut(e.payload()));
    }
}
