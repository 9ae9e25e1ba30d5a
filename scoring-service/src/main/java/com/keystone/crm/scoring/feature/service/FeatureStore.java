package com.keystone.crm.scoring.feature.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.EventPayload;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.feature.domain.AgentLoad;
import com.keystone.crm.scoring.feature.domain.FeatureFold;
import com.keystone.crm.scoring.feature.domain.LeadEvent;
import com.keystone.crm.scoring.feature.domain.LeadState;
import com.keystone.crm.scoring.feature.domain.StoredEvent;
import com.keystone.crm.scoring.feature.repository.LeadEventRepository;
import com.keystone.crm.scoring.feature.repository.LeadStateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The feature store: every lead-related event is appended to the lead's history (never updated), the lead's
 * current state is kept beside it, and features are folded from the history up to any cutoff. {@code agent_load} is
 * about other leads (the agent's assignments), so it is counted beside the fold: one query for one lead, or
 * {@link #agentLoads} read once for many.
 */
@ApplicationScoped
public class FeatureStore {
    private final LeadEventRepository events;
    private final LeadStateRepository states;
    private final CrmClock clock;
    private final Duration agentLoadWindow;
    private final ObjectMapper mapper = EventJson.mapper();

    public FeatureStore(LeadEventRepository events, LeadStateRepository states, CrmClock clock, ScoringConfig config) {
        this.events = events;
        this.states = states;
        this.clock = clock;
        this.agentLoadWindow = config.features().agentLoadWindow();
    }

    /**
     * Appends an event to the lead's history and applies {@code change} to the lead's state (created if new).
     * Runs in the consumer's transaction.
     */
    public Uni<LeadState> record(UUID eventId, String type, String tenantId, UUID leadId, Instant occurredAt,
                                 EventPayload payload, Consumer<LeadState> change) {
        LeadEvent e = new LeadEvent();
        e.id = eventId;
        e.tenantId = tenantId;
        e.leadId = leadId;
        e.type = type;
        e.occurredAt = occurredAt;
        e.recordedAt = clock.now();
        e.payload = EventJson.toJson(payload).toString();
        return events.persist(e).chain(() -> states.lockOrCreate(tenantId, leadId, clock.now())).map(state -> {
            if (!state.tenantId.equals(tenantId)) {
                // a lead id is one tenant's: an event naming it under another tenant changes nothing of it
                return state;
            }
            change.accept(state);
            state.updatedAt = clock.now();
            return state;
        });
    }

    /** The lead's features now. */
    public Uni<Map<String, Object>> current(String tenantId, UUID leadId) {
        return at(tenantId, leadId, clock.now());
    }

    /** Within a session: the lead's features as they were known at {@code cutoff}. */
    public Uni<Map<String, Object>> at(String tenantId, UUID leadId, Instant cutoff) {
        return events.history(tenantId, leadId).chain(list -> {
            List<StoredEvent> history = stored(list);
            String agent = FeatureFold.agentAt(history, cutoff);
            Uni<Integer> load = agent == null ? Uni.createFrom().nullItem()
                    : events.assignmentsOf(tenantId, agent, AgentLoad.windowStart(cutoff, agentLoadWindow), cutoff);
            return load.map(n -> FeatureFold.at(history, cutoff, n));
        });
    }

    /**
     * Within a session: the tenant's assignments, read once, to count {@code agent_load} of many leads at cutoffs
     * from {@code firstCutoff} to {@code lastCutoff} (with {@link #fold}).
     */
    public Uni<AgentLoad> agentLoads(String tenantId, Instant firstCutoff, Instant lastCutoff) {
        return events.assignments(tenantId, AgentLoad.windowStart(firstCutoff, agentLoadWindow), lastCutoff)
                .map(list -> AgentLoad.of(list, agentLoadWindow));
    }

    /** A history already read, folded at {@code cutoff}; its agent's load counted in {@code loads} (no query). */
    public Map<String, Object> fold(List<StoredEvent> history, Instant cutoff, AgentLoad loads) {
        return FeatureFold.at(history, cutoff, loads.at(FeatureFold.agentAt(history, cutoff), cutoff));
    }

    public List<StoredEvent> stored(List<LeadEvent> list) {
        List<StoredEvent> out = new ArrayList<>(list.size());
        for (LeadEvent e : list) {
            try {
                out.add(new StoredEvent(e.type, e.occurredAt, mapper.readTree(e.payload)));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("stored event " + e.id + " is not JSON", ex);
            }
        }
        return out;
    }
}
