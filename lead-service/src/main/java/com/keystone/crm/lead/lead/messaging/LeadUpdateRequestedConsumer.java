package com.keystone.crm.lead.lead.messaging;

import com.keystone.crm.lead.lead.service.LeadUpdateRequests;
import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.contracts.events.LeadUpdateRequested;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** lead.update-requested from workflow-service: a status or tag change on the lead, applied once. */
@ApplicationScoped
public class LeadUpdateRequestedConsumer {
    static final String HANDLER = "lead-update-requests";

    private final IdempotentConsumer consumer;
    private final LeadUpdateRequests requests;

    public LeadUpdateRequestedConsumer(IdempotentConsumer consumer, LeadUpdateRequests requests) {
        this.consumer = consumer;
        this.requests = requests;
    }

    @Incoming("lead-update-requested")
    public Uni<Void> onUpdateRequested(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, LeadUpdateRequested.class, requests::apply);
    }
}
