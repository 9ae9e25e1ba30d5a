package com.keystone.crm.lead.routing.service;

import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.directory.repository.AgentRepository;
import com.keystone.crm.lead.routing.domain.AgentAvailability;
import com.keystone.crm.lead.routing.repository.AgentAvailabilityRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Who of a set of users can take a new lead right now: an active user of the tenant who is not paused. */
@ApplicationScoped
public class AvailabilityCheck {
    private final AgentRepository agents;
    private final AgentAvailabilityRepository availabilities;

    public AvailabilityCheck(AgentRepository agents, AgentAvailabilityRepository availabilities) {
        this.agents = agents;
        this.availabilities = availabilities;
    }

    /** One user's state: the agent (null if not a user of the tenant) and, when unavailable, why. */
    public record Status(String userId, Agent agent, String unavailableBecause) {
        public boolean available() {
            return unavailableBecause == null;
        }
    }

    public Uni<Map<String, Status>> of(String tenantId, Collection<String> userIds, Instant now) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return agents.list("userId in ?1 and tenantId = ?2", List.copyOf(userIds), tenantId)
                .chain(found -> availabilities.ofUsers(userIds).map(pauses -> {
                    Map<String, Agent> byId = new HashMap<>();
                    found.forEach(a -> byId.put(a.userId, a));
                    Map<String, AgentAvailability> pauseById = new HashMap<>();
                    pauses.forEach(p -> pauseById.put(p.userId, p));
                    Map<String, Status> out = new HashMap<>();
                    for (String id : userIds) {
                        Agent agent = byId.get(id);
                        out.put(id, new Status(id, agent, why(agent, pauseById.get(id), now)));
                    }
                    return out;
                }));
    }

    static String why(Agent agent, AgentAvailability pause, Instant now) {
        if (agent == null) {
            return "not a user of this tenant";
        }
        if (!agent.active) {
            return "inactive";
        }
        if (pause != null && pause.pausedAt(now)) {
            return pause.pausedUntil == null ? "paused" : "paused until " + pause.pausedUntil;
        }
        return null;
    }
}
