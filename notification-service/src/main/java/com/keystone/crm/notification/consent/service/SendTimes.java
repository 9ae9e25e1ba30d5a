package com.keystone.crm.notification.consent.service;

import com.keystone.crm.notification.contact.service.Contacts;
import com.keystone.crm.notification.tenant.Senders;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * When a message asked for at a given time would really go out: a marketing SMS or push waits for the recipient's
 * window (quiet hours, the same rule the delivery worker applies), everything else goes at once. For callers that
 * plan sends ahead (workflow-service's dry run), so the rule stays here and is not copied.
 */
@ApplicationScoped
public class SendTimes {
    private final QuietHours quietHours;
    private final Senders senders;
    private final Contacts contacts;

    public SendTimes(QuietHours quietHours, Senders senders, Contacts contacts) {
        this.quietHours = quietHours;
        this.senders = senders;
        this.contacts = contacts;
    }

    @WithSession
    public Uni<List<Answer>> of(String tenantId, List<Question> questions) {
        return senders.of(tenantId).chain(identity -> Multi.createFrom().iterable(questions).onItem().transformToUniAndConcatenate(q -> {
            if (!q.heldByQuietHours()) {
                return Uni.createFrom().item(new Answer(q.at(), q.at(), null));
            }
            return located(tenantId, q).map(where -> {
                String number = "sms".equals(q.channel()) ? where.phone() : null;
                Instant allowed = quietHours.nextAllowed(q.at(), quietHours.locate(number, where.timezone(), identity.timezone()));
                return new Answer(q.at(), allowed, allowed.isAfter(q.at()) ? "quiet-hours" : null);
            });
        }).collect().asList());
    }

    /**
     * The question's own phone and zone; for a message that names only its lead, the lead's current phone and zone as
     * this service knows them from lead-service's events (as the delivery worker would find them at send time).
     */
    private Uni<Question> located(String tenantId, Question q) {
        if (q.leadId() == null || (q.phone() != null && q.timezone() != null)) {
            return Uni.createFrom().item(q);
        }
        return contacts.find(tenantId, Contacts.LEAD, q.leadId().toString()).map(c -> c == null ? q
                : new Question(q.channel(), q.category(), q.phone() != null ? q.phone() : c.phone(),
                q.timezone() != null ? q.timezone() : c.timezone(), q.leadId(), q.at()));
    }

    /**
     * A message to plan: its channel and purpose, where the recipient is (phone, zone; or the lead, whose contact
     * answers them; all optional), and when.
     */
    public record Question(String channel, String category, String phone, String timezone, java.util.UUID leadId, Instant at) {
        /** The delivery worker's own rule ({@link QuietHours#holds}). */
        boolean heldByQuietHours() {
            return QuietHours.holds(channel, "marketing".equals(category));
        }
    }

    /** When it was asked for, when it would go out, and why it waits (null: it does not). */
    public record Answer(Instant at, Instant sendAt, String heldFor) {
    }
}
