package com.keystone.crm.notification.consent.service;

import com.keystone.crm.notification.tenant.Senders;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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

    public SendTimes(QuietHours quietHours, Senders senders) {
        this.quietHours = quietHours;
        this.senders = senders;
    }

    @WithSession
    public Uni<List<Answer>> of(String tenantId, List<Question> questions) {
        return senders.of(tenantId).map(identity -> questions.stream().map(q -> {
            if (!q.heldByQuietHours()) {
                return new Answer(q.at(), q.at(), null);
            }
            String number = "sms".equals(q.channel()) ? q.phone() : null;
            Instant allowed = quietHours.nextAllowed(q.at(), quietHours.locate(number, q.timezone(), identity.timezone()));
            return new Answer(q.at(), allowed, allowed.isAfter(q.at()) ? "quiet-hours" : null);
        }).toList());
    }

    /** A message to plan: its channel and purpose, where the recipient is (phone, zone; both optional), and when. */
    public record Question(String channel, String category, String phone, String timezone, Instant at) {
        /** Marketing SMS (TCPA) and marketing pushes wait for the recipient's window; the rest is never held. */
        boolean heldByQuietHours() {
            return "marketing".equals(category) && ("sms".equals(channel) || "push".equals(channel));
        }
    }

    /** When it was asked for, when it would go out, and why it waits (null: it does not). */
    public record Answer(Instant at, Instant sendAt, String heldFor) {
    }
}
