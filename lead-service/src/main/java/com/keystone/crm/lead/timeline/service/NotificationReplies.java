package com.keystone.crm.lead.timeline.service;

import com.keystone.crm.lead.lead.repository.LeadRepository;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.contracts.events.LeadActivityRecorded;
import com.keystone.crm.platform.contracts.events.NotificationReplied;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.UUID;

/**
 * Applies a notification.replied event inside the consumer's transaction: a message-replied entry on the lead's
 * timeline, published as lead.activity-recorded, which is what stops the lead's automated follow-up in
 * workflow-service. A reply that names no lead, or a lead the tenant does not have, is logged and dropped; so is an
 * opt-out keyword (optOut), which reaches the timeline through contact.opted-out.
 */
@ApplicationScoped
public class NotificationReplies {
    static final String MESSAGE_REPLIED = "message-replied";
    /** How much of the reply the timeline shows; the full text stays with notification-service. */
    static final int SUMMARY_LENGTH = 200;

    private static final Logger LOG = Logger.getLogger(NotificationReplies.class);

    private final LeadRepository leads;
    private final ActivityRecorder activities;

    public NotificationReplies(LeadRepository leads, ActivityRecorder activities) {
        this.leads = leads;
        this.activities = activities;
    }

    public Uni<Void> apply(IncomingEvent<NotificationReplied> event) {
        NotificationReplied p = event.payload();
        String tenantId = p.getTenantId();
        String replyId = p.getReplyId().toString();
        if (p.getLeadId() == null) {
            LOG.infof("notification.replied %s of tenant %s names no lead; ignored", replyId, tenantId);
            return Uni.createFrom().voidItem();
        }
        if (Boolean.TRUE.equals(p.getOptOut())) {
            // STOP and its kin: an opt-out, not a conversation. contact.opted-out (published with it) withdraws the
            // consent and puts the opt-out on the timeline; a message-replied entry would read as the lead writing back
            // (and start what a reply starts: an "answer the lead" task, the end of follow-ups as a reply)
            LOG.infof("notification.replied %s of tenant %s is an opt-out; recorded from contact.opted-out", replyId, tenantId);
            return Uni.createFrom().voidItem();
        }
        UUID leadId = p.getLeadId();
        return leads.findInTenant(tenantId, leadId).chain(lead -> {
            if (lead == null) {
                LOG.infof("notification.replied %s names lead %s, unknown to tenant %s (or deleted); ignored",
                        replyId, leadId, tenantId);
                return Uni.createFrom().voidItem();
            }
            String channel = p.getChannel().value();
            return activities.record(lead, MESSAGE_REPLIED, summary(channel, p.getBody()),
                    event.attributes().source().replaceFirst("^/", ""), p.getOccurredAt(),
                    event.attributes().id(), b -> b.withChannel(LeadActivityRecorded.Channel.fromValue(channel))
                            .withDeliveryId(p.getDeliveryId())
                            .withDetails(Map.of("replyId", replyId))).replaceWithVoid();
        });
    }

    static String summary(String channel, String body) {
        String via = "sms".equals(channel) ? "SMS" : "Email";
        return body.isBlank() ? via + " reply (empty)" : via + " reply: " + ActivityTimelineService.excerpt(body, SUMMARY_LENGTH);
    }
}
