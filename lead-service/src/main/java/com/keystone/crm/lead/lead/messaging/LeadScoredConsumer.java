package com.keystone.crm.lead.lead.messaging;

import com.keystone.crm.lead.lead.service.LeadScores;
import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.contracts.events.LeadScored;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** lead.scored from scoring-service: the latest score on the lead and a timeline entry. */
@ApplicationScoped
public class LeadScoredConsumer {
    static final String HANDLER = "lead-scores";

    private final IdempotentConsumer consumer;
    private final LeadScores scores;

    public LeadScoredConsumer(IdempotentConsumer consumer, LeadScores scores) {
        this.consumer = consumer;
        this.scores = scores;
    }

    @Incoming("lead-scored")
    public Uni<Void> onLeadScored(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, LeadScored.class, scores::apply);
    }
}
