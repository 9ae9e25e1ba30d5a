package com.keystone.crm.lead.lead.messaging;

import com.keystone.crm.lead.lead.service.ConsentWithdrawals;
import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.contracts.events.ContactOptedOut;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** contact.opted-out from notification-service: channel consent off on the leads with that address. */
@ApplicationScoped
public class ContactOptedOutConsumer {
    static final String HANDLER = "consent-withdrawals";

    private final IdempotentConsumer consumer;
    private final ConsentWithdrawals withdrawals;

    public ContactOptedOutConsumer(IdempotentConsumer consumer, ConsentWithdrawals withdrawals) {
        this.consumer = consumer;
        this.withdrawals = withdrawals;
    }

    @Incoming("contact-opted-out")
    public Uni<Void> onOptedOut(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, ContactOptedOut.class, withdrawals::apply);
    }
}
