package com.keystone.crm.lead.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.lead.repository.LeadRepository;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Applies a notification.replied event inside the consumer's transaction: a message-replied entry on the lead's
 * timeline, published as lead.activity-recorded, which is what stops the lead's automated follow-up in
 * workflow-service. A reply that names no lead, or a lead the tenant does not have, is logged and dropped.
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

    public Uni<Void> apply(IncomingEvent event) {
        JsonNode p = event.payload();
        String tenantId = p.get("tenantId").asText();
        String replyId = p.get("replyId").asText();
        JsonNode leadField = p.get("leadId");
        if (leadField == null || leadField.isNull()) {
            LOG.infof("notification.replied %s of tenant %s names no lead; ignored", replyId, tenantId);
            return Uni.createFrom().voidItem();
        }
        UUID leadId = UUID.fromString(leadField.asText());
        return leads.findInTenant(tenantId, leadId).chain(lead -> {
            if (lead == null) {
                LOG.infof("notification.replied %s names lead %s, unknown to tenant %s (or deleted); ignored",
                        replyId, leadId, tenantId);
                return Uni.createFrom().voidItem();
            }
            String channel = p.get("channel").asText();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("channel", channel);
            JsonNode delivery = p.get("deliveryId");
            if (delivery != null && !delivery.isNull()) {
                extra.put("deliveryId", delivery.asText());
            }
            extra.put("details", Map.of("replyId", replyId));
            return activities.record(lead, MESSAGE_REPLIED, summary(channel, p.get("body").asText()),
                    event.attributes().source().replaceFirst("^/", ""), Instant.parse(p.get("occurredAt").asText()),
                    event.attributes().id(), extra).replaceWithVoid();
        });
    }

    static String summary(String channel, String body) {
        String via = "sms".equals(channel) ? "SMS" : "Email";
        return body.isBlank() ? via + " reply (empty)" : via + " reply: " + ActivityTimelineService.excerpt(body, SUMMARY_LENGTH);
    }
}
