package com.keystone.crm.workflow.lead.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.keystone.crm.workflow.common.UuidArray;
import com.keystone.crm.workflow.lead.domain.LeadProjection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class LeadProjectionRepository implements PanacheRepositoryBase<LeadProjection, UUID> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A poll's leads made when unknown, one statement: the ids travel as one JSON array; inserted in id order, as every
     * maker of several rows, so two pollers never deadlock on each other's new rows.
     */
    static final String INSERT_ALL_IF_ABSENT = "INSERT INTO lead_projection (lead_id, tenant_id, created_at, updated_at) "
            + "SELECT x.lead_id, x.tenant_id, ?2, ?2 FROM jsonb_to_recordset(cast(cast(?1 as text) as jsonb)) "
            + "AS x(lead_id uuid, tenant_id text) ORDER BY x.lead_id ON CONFLICT (lead_id) DO NOTHING";

    static final String LOCK_ALL = "SELECT * FROM lead_projection WHERE lead_id = ANY(?1) ORDER BY lead_id FOR UPDATE";

    /** Makes the rows of these leads (id → tenant) that do not exist, waiting for any being made meanwhile. */
    public Uni<Void> insertAllIfAbsent(Map<UUID, String> tenantByLead, Instant now) {
        List<Map<String, String>> rows = new ArrayList<>(tenantByLead.size());
        tenantByLead.forEach((lead, tenant) -> rows.add(Map.of("lead_id", lead.toString(), "tenant_id", tenant)));
        String json;
        try {
            json = JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException(e));
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT_ALL_IF_ABSENT)
                .setParameter(1, json).setParameter(2, now)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * These leads' rows, locked until the transaction ends (in id order): the intakes of one lead's events, which
     * arrive on several topics at once (lead.created, lead.scored, lead.status-changed, ...), apply one after the
     * other, none overwriting another's change.
     */
    public Uni<List<LeadProjection>> lockAll(Collection<UUID> leadIds) {
        return Panache.getSession().chain(s -> s.createNativeQuery(LOCK_ALL, LeadProjection.class)
                .setParameter(1, UuidArray.of(leadIds)).getResultList());
    }

    /** The lead if it belongs to the tenant, else null (a lead id of another tenant is unknown here). */
    public Uni<LeadProjection> findInTenant(String tenantId, UUID leadId) {
        return findById(leadId).map(l -> l != null && l.tenantId.equals(tenantId) ? l : null);
    }

    /** The tenant's live leads after {@code afterLeadId} (null: from the first) in id order: a sweep's next batch. */
    public Uni<List<LeadProjection>> walk(String tenantId, UUID afterLeadId, int size) {
        return (afterLeadId == null
                ? find("tenantId = ?1 and deleted = false order by leadId", tenantId)
                : find("tenantId = ?1 and deleted = false and leadId > ?2 order by leadId", tenantId, afterLeadId))
                .page(io.quarkus.panache.common.Page.ofSize(size)).list();
    }
}
