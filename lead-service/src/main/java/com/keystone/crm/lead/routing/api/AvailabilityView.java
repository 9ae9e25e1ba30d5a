package com.keystone.crm.lead.routing.api;

import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.routing.domain.AgentAvailability;

import java.time.Instant;

/**
 * An agent's availability now: {@code paused} is false once a timed pause has ended; {@code available} also
 * needs an active user. {@code version} 0 means nobody ever set it.
 */
public record AvailabilityView(String userId, boolean paused, Instant until, boolean available, String updatedBy,
                               Instant updatedAt, long version) {

    public static AvailabilityView of(Agent agent, AgentAvailability a, Instant now) {
        boolean paused = a != null && a.pausedAt(now);
        return new AvailabilityView(agent.userId, paused, paused ? a.pausedUntil : null, agent.active && !paused,
                a == null ? null : a.updatedBy, a == null ? null : a.updatedAt, a == null ? 0 : a.aggregateVersion());
    }

    public String etag() {
        return Long.toString(version);
    }
}
