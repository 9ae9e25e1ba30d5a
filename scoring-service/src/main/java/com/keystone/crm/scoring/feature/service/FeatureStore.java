package com.keystone.crm.scoring.feature.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.EventJson;
import com.keystone.crm.platform.contracts.EventPayload;
import com.keystone.crm.scoring.feature.domain.FeatureFold;
import com.keystone.crm.scoring.feature.domain.LeadEvent;
import com.keystone.crm.scoring.feature.domain.LeadState;
import com.keystone.crm.scoring.feature.domain.StoredEvent;
import com.keystone.crm.scoring.feature.repository.LeadEventRepository;
import com.keystone.crm.scoring.feature.repository.LeadStateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The feature store: every lead-related event is appended to the lead's history (never updated), the lead's
 * current state is kept beside it, and features are folded from the history up to any cutoff.
 */
@ApplicationScoped
public class FeatureStore {
    private final LeadEventRepository events;
    private final LeadStateRepository states;
    private final CrmClock clock;
    private final ObjectMapper mapper = EventJson.mapper();

    public FeatureStore(LeadEventRepository events, LeadStateRepository states, CrmClock clock) {
        this.events = events;
        this.states = states;
        this.clock = clock;
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

    /** The lead's features as they were known at {@code cutoff}. */
    public Uni<Map<String, Object>> at(String tenantId, UUID leadId, Instant cutoff) {
        return events.history(tenantId, leadId).map(list -> FeatureFold.at(stored(list), cutoff));
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
