package com.keystone.crm.lead.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.keystone.crm.lead.domain.Agent;
import com.keystone.crm.lead.domain.Tenant;
import com.keystone.crm.lead.repository.AgentRepository;
import com.keystone.crm.lead.repository.TenantRepository;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.chassis.time.CrmClock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects the gateway's users into tenants and agents. Runs inside the consumer's transaction; an event older
 * than the stored user version is ignored (events of one user are ordered, but user.created and user.updated are
 * different topics).
 */
@ApplicationScoped
public class UserDirectory {
    private final TenantRepository tenants;
    private final AgentRepository agents;
    private final CrmClock clock;

    public UserDirectory(TenantRepository tenants, AgentRepository agents, CrmClock clock) {
        this.clock = clock;
        this.tenants = tenants;
        this.agents = agents;
    }

    public Uni<Void> apply(IncomingEvent event) {
        JsonNode p = event.payload();
        String tenantId = p.get("tenantId").asText();
        String userId = p.get("userId").asText();
        long version = p.get("version").asLong();
        return ensureTenant(tenantId)
                .chain(() -> agents.findById(userId))
                .chain(existing -> {
                    if (existing != null && existing.userVersion >= version) {
                        return Uni.createFrom().voidItem();
                    }
                    Agent agent = existing != null ? existing : new Agent();
                    agent.userId = userId;
                    agent.tenantId = tenantId;
                    agent.teamId = text(p, "teamId");
                    agent.email = text(p, "email");
                    agent.displayName = text(p, "displayName");
                    agent.roles = String.join(",", roles(p));
                    agent.active = p.path("active").asBoolean(true);
                    agent.userVersion = version;
                    agent.updatedAt = clock.now();
                    return existing != null ? Uni.createFrom().voidItem() : agents.persist(agent).replaceWithVoid();
                });
    }

    private Uni<Void> ensureTenant(String tenantId) {
        return tenants.findById(tenantId).chain(t -> {
            if (t != null) {
                return Uni.createFrom().voidItem();
            }
            Tenant tenant = new Tenant();
            tenant.id = tenantId;
            tenant.firstSeenAt = clock.now();
            return tenants.persist(tenant).replaceWithVoid();
        });
    }

    private static List<String> roles(JsonNode p) {
        List<String> roles = new ArrayList<>();
        p.path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    private static String text(JsonNode p, String field) {
        JsonNode n = p.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
