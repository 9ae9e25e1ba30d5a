package com.keystone.crm.notification.contact.messaging;

import com.keystone.crm.notification.contact.service.Contacts;
import com.keystone.crm.notification.contact.service.Contacts.Contact;
import com.keystone.crm.platform.chassis.inbox.IdempotentConsumer;
import com.keystone.crm.platform.contracts.events.Consent;
import com.keystone.crm.platform.contracts.events.LeadCreated;
import com.keystone.crm.platform.contracts.events.LeadUpdated;
import com.keystone.crm.platform.contracts.events.UserCreated;
import com.keystone.crm.platform.contracts.events.UserUpdated;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * lead.created/lead.updated and user.created/user.updated (each carries the full current state) → the contact's
 * primary email and phone, and a lead's consent per channel, through the inbox; the newest version wins.
 */
@ApplicationScoped
public class ContactEventsConsumer {
    static final String HANDLER = "contact-addresses";

    private final IdempotentConsumer consumer;
    private final Contacts contacts;

    public ContactEventsConsumer(IdempotentConsumer consumer, Contacts contacts) {
        this.consumer = consumer;
        this.contacts = contacts;
    }

    @Incoming("lead-created")
    public Uni<Void> onLeadCreated(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, LeadCreated.class, e -> {
            LeadCreated l = e.payload();
            return contacts.record(new Contact(l.getTenantId(), Contacts.LEAD, l.getLeadId().toString(), first(l.getEmails()),
                    first(l.getPhones()), l.getTimezone(), name(l.getFirstName(), l.getLastName()), false, l.getVersion(),
                    consent(l.getConsent())));
        });
    }

    @Incoming("lead-updated")
    public Uni<Void> onLeadUpdated(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, LeadUpdated.class, e -> {
            LeadUpdated l = e.payload();
            boolean gone = Boolean.TRUE.equals(l.getDeleted()) || l.getMergedIntoLeadId() != null;
            return contacts.record(new Contact(l.getTenantId(), Contacts.LEAD, l.getLeadId().toString(), first(l.getEmails()),
                    first(l.getPhones()), l.getTimezone(), name(l.getFirstName(), l.getLastName()), gone, l.getVersion(),
                    consent(l.getConsent())));
        });
    }

    @Incoming("user-created")
    public Uni<Void> onUserCreated(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, UserCreated.class, e -> {
            UserCreated u = e.payload();
            return contacts.record(new Contact(u.getTenantId(), Contacts.USER, u.getUserId(), u.getEmail(), u.getPhone(),
                    null, u.getDisplayName(), !Boolean.TRUE.equals(u.getActive()), u.getVersion(), null));
        });
    }

    @Incoming("user-updated")
    public Uni<Void> onUserUpdated(ConsumerRecord<String, String> record) {
        return consumer.handle(record, HANDLER, UserUpdated.class, e -> {
            UserUpdated u = e.payload();
            return contacts.record(new Contact(u.getTenantId(), Contacts.USER, u.getUserId(), u.getEmail(), u.getPhone(),
                    null, u.getDisplayName(), !Boolean.TRUE.equals(u.getActive()), u.getVersion(), null));
        });
    }

    private static Contacts.Consent consent(Consent c) {
        return c == null ? Contacts.Consent.UNKNOWN : new Contacts.Consent(c.getEmail(), c.getSms(), c.getPush());
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String name(String first, String last) {
        String joined = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return joined.isEmpty() ? null : joined;
    }
}
