package com.keystone.crm.scoring.training.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.feature.domain.AgentLoad;
import com.keystone.crm.scoring.feature.domain.FeatureFold;
import com.keystone.crm.scoring.feature.domain.LeadEvent;
import com.keystone.crm.scoring.feature.domain.LeadState;
import com.keystone.crm.scoring.feature.domain.StoredEvent;
import com.keystone.crm.scoring.feature.repository.LeadEventRepository;
import com.keystone.crm.scoring.feature.repository.LeadStateRepository;
import com.keystone.crm.scoring.feature.service.FeatureStore;
import com.keystone.crm.scoring.learning.ColumnRole;
import com.keystone.crm.scoring.learning.CsvTable;
import com.keystone.crm.scoring.learning.TableSpec;
import com.keystone.crm.scoring.policy.domain.ScoringPolicy;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A training table from the feature store: one row per lead old enough to have an outcome. The row's cutoff is the
 * lead's creation plus the observation period; its features are folded from the events up to the cutoff only; its
 * label says whether the lead reached a converted status within the tenant's window after the cutoff. Leads
 * converted by the cutoff are left out (their outcome was already known). Rows are in cutoff order.
 */
@ApplicationScoped
public class EventTrainingData {
    static final String LABEL = "converted";
    static final String CUTOFF = "cutoff";
    static final int BATCH = 500;

    private final LeadStateRepository states;
    private final LeadEventRepository events;
    private final FeatureStore store;
    private final ScoringConfig config;

    public EventTrainingData(LeadStateRepository states, LeadEventRepository events, FeatureStore store, ScoringConfig config) {
        this.states = states;
        this.events = events;
        this.store = store;
        this.config = config;
    }

    /** Runs on the training worker's thread (blocking reads). */
    public Table build(String tenantId, ScoringPolicy policy, Instant now) {
        List<String> names = FeatureFold.names();
        List<Object[]> rows = new ArrayList<>();
        for (LabelledLead lead : labelled(tenantId, policy, now, null, 0)) {
            Object[] row = new Object[names.size() + 2];
            for (int i = 0; i < names.size(); i++) {
                row[i] = lead.features().get(names.get(i));
            }
            row[names.size()] = lead.cutoff();
            row[names.size() + 1] = lead.converted() ? "yes" : "no";
            rows.add(row);
        }
        rows.sort((a, b) -> ((Instant) a[names.size()]).compareTo((Instant) b[names.size()]));
        List<String> headers = new ArrayList<>(names);
        headers.add(CUTOFF);
        headers.add(LABEL);
        List<String[]> cells = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            String[] c = new String[row.length];
            for (int i = 0; i < row.length; i++) {
                c[i] = row[i] == null ? null : row[i].toString();
            }
            cells.add(c);
        }
        String windowFrom = rows.isEmpty() ? null : rows.get(0)[names.size()].toString();
        String windowTo = rows.isEmpty() ? null : rows.get(rows.size() - 1)[names.size()].toString();
        TableSpec spec = new TableSpec(LABEL, "yes", Map.of(CUTOFF, ColumnRole.DATE), Set.of(), Set.of());
        return new Table(new CsvTable(List.copyOf(headers), cells, ',', List.of()), spec, windowFrom, windowTo);
    }

    /**
     * The leads old enough to have an outcome (created after {@code createdAfter} when it is given; only the newest
     * {@code newest} when it is above 0), each with its features at its cutoff and its label; blocking reads, in batches.
     */
    public List<LabelledLead> labelled(String tenantId, ScoringPolicy policy, Instant now, Instant createdAfter, int newest) {
        Period observation = config.labels().observation();
        Period window = Period.ofDays(policy.labelWindowDays());
        Instant newestCreation = now.minus(window).minus(observation);
        List<LeadState> leads = LeasedWorker.await(() -> Panache.withSession(() -> createdAfter == null
                ? states.createdBefore(tenantId, newestCreation) : states.createdBetween(tenantId, createdAfter, newestCreation)));
        if (newest > 0 && leads.size() > newest) {
            leads = leads.subList(leads.size() - newest, leads.size());
        }
        Set<String> converted = Set.copyOf(policy.convertedStatuses());
        List<LabelledLead> out = new ArrayList<>();
        if (leads.isEmpty()) {
            return out;
        }
        // the leads are in creation order, so their cutoffs too: the tenant's assignments for agent_load are read once
        // for all of them, not once per lead
        Instant firstCutoff = leads.get(0).createdAt.plus(observation);
        Instant lastCutoff = leads.get(leads.size() - 1).createdAt.plus(observation);
        AgentLoad loads = LeasedWorker.await(() -> Panache.withSession(() -> store.agentLoads(tenantId, firstCutoff, lastCutoff)));
        for (int from = 0; from < leads.size(); from += BATCH) {
            List<LeadState> batch = leads.subList(from, Math.min(leads.size(), from + BATCH));
            List<UUID> ids = batch.stream().map(l -> l.leadId).toList();
            List<LeadEvent> all = LeasedWorker.await(() -> Panache.withSession(() -> events.histories(tenantId, ids)));
            Map<UUID, List<LeadEvent>> byLead = new HashMap<>();
            all.forEach(e -> byLead.computeIfAbsent(e.leadId, k -> new ArrayList<>()).add(e));
            for (LeadState lead : batch) {
                List<StoredEvent> history = store.stored(byLead.getOrDefault(lead.leadId, List.of()));
                Instant cutoff = lead.createdAt.plus(observation);
                Instant conversion = firstConversion(history, converted);
                if (conversion != null && !conversion.isAfter(cutoff)) {
                    continue; // its outcome was already known at the cutoff
                }
                boolean label = conversion != null && !conversion.isAfter(cutoff.plus(window));
                out.add(new LabelledLead(lead.leadId, cutoff, store.fold(history, cutoff, loads), label));
            }
        }
        return out;
    }

    static Instant firstConversion(List<StoredEvent> history, Set<String> converted) {
        for (StoredEvent e : history) {
            JsonNode p = e.payload();
            if ("lead.status-changed".equals(e.type()) && converted.contains(p.path("toStatus").asText())) {
                return e.occurredAt();
            }
            if ("lead.created".equals(e.type()) && converted.contains(p.path("status").asText())) {
                return e.occurredAt();
            }
        }
        return null;
    }

    /** A lead with an outcome: its features at its cutoff (nothing later) and whether it converted in the window. */
    public record LabelledLead(UUID leadId, Instant cutoff, Map<String, Object> features, boolean converted) {
    }

    /** The table, how to read it, and the cutoffs it spans. */
    public record Table(CsvTable table, TableSpec spec, String windowFrom, String windowTo) {
    }
}
