package com.keystone.crm.lead.timeline.api;

import com.keystone.crm.lead.timeline.domain.Activity;

import java.time.Instant;
import java.util.UUID;

/** One timeline entry as the app sees it. */
public record ActivityView(UUID id, UUID leadId, String type, String summary, String channel, String actorId,
                           Instant occurredAt) {
    public static ActivityView of(Activity a) {
        return new ActivityView(a.id, a.leadId, a.kind, a.summary, a.channel, a.actorId, a.occurredAt);
    }
}
