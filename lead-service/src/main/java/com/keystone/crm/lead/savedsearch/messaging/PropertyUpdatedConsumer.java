package com.keystone.crm.lead.savedsearch.messaging;

import com.keystone.crm.lead.savedsearch.service.ListingMatchService;
import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.contracts.events.PropertyUpdated;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** property.updated from property-sync-service: new listings and price drops matched against saved searches. */
@ApplicationScoped
public class PropertyUpdatedConsumer {
    static final String HANDLER = "saved-search-matches";

    private final IdempotentConsumer consumer;
    private final ListingMatchService matches;

    public PropertyUpdatedConsumer(IdempotentConsumer consumer, ListingMatchService matches) {
        this.consumer = consumer;
        this.matches = matches;
    }

    @Incoming("property-updated")
    public Uni<Void> onPropertyUpdated(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, PropertyUpdated.class, matches::apply);
    }
}
