package com.keystone.crm.lead.timeline.service;

import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.timeline.domain.Activity;
import com.keystone.crm.lead.timeline.messaging.ActivityEvents;
import com.keystone.crm.lead.timeline.repository.ActivityRepository;
import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.chassis.outbox.OutboxWriter;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.LeadActivityRecorded;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Adds an entry to a lead's timeline and publishes it as {@code lead.activity-recorded} in the same transaction,
 * so workflows and scoring see every inquiry, message, listing match, status or score change.
 */
@ApplicationScoped
public class ActivityRecorder {
    private final ActivityRepository activities;
    private final OutboxWriter outbox;
    private final CrmClock clock;

    public ActivityRecorder(ActivityRepository activities, OutboxWriter outbox, CrmClock clock) {
        this.activities = activities;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * @param type    kebab-case activity type of the contract (inquiry, call-logged, listing-match, ...)
     * @param eventId the consumed event it came from, or null
     * @param fields  the activity's own payload fields ({@link ActivityEvents.Fields#NONE} or null for none)
     */
    public Uni<Activity> record(Lead lead, String type, String summary, String actorId, Instant occurredAt,
                                UUID eventId, ActivityEvents.Fields fields) {
        Activity a = new Activity();
        a.id = UUID.randomUUID();
        LeadActivityRecorded payload = ActivityEvents.recorded(lead, a.id, type, summary, actorId, occurredAt, fields);
        a.tenantId = lead.tenantId;
        a.leadId = lead.id;
        a.kind = type;
        a.summary = summary;
        a.actorId = actorId;
        a.occurredAt = occurredAt;
        a.eventId = eventId;
        a.channel = payload.getChannel() == null ? null : payload.getChannel().value();
        a.details = fields == null ? null : ActivityEvents.ownFields(payload);
        if (lead.lastActivityAt == null || occurredAt.isAfter(lead.lastActivityAt)) {
            lead.lastActivityAt = occurredAt;
            // the app shows the last activity time: its delta sync must see the lead again
            lead.touched(clock.now());
        }
        return activities.persist(a)
                .call(saved -> outbox.append(OutboxEvent.of("lead", lead.id.toString(), payload)));
    }
}
