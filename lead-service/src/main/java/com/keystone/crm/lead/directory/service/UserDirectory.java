package com.keystone.crm.lead.directory.service;

import com.keystone.crm.lead.directory.domain.Agent;
import com.keystone.crm.lead.directory.domain.Tenant;
import com.keystone.crm.lead.directory.repository.AgentRepository;
import com.keystone.crm.lead.directory.repository.TenantRepository;
import com.keystone.crm.platform.chassis.inbox.IncomingEvent;
import com.keystone.crm.platform.chassis.time.CrmClock;
import com.keystone.crm.platform.contracts.events.UserCreated;
import com.keystone.crm.platform.contracts.events.UserRole;
import com.keystone.crm.platform.contracts.events.UserUpdated;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    /** The fields of user.created and user.updated (full state both) that the directory keeps. */
    record UserState(String tenantId, String userId, long version, String teamId, String email, String displayName,
                     Set<UserRole> roles, Boolean active) {
    }

    public Uni<Void> applyCreated(IncomingEvent<UserCreated> event) {
        UserCreated p = event.payload();
        return apply(new UserState(p.getTenantId(), p.getUserId(), p.getVersion(), p.getTeamId(), p.getEmail(),
                p.getDisplayName(), p.getRoles(), p.getActive()));
    }

    public Uni<Void> applyUpdated(IncomingEvent<UserUpdated> event) {
        UserUpdated p = event.payload();
        return apply(new UserState(p.getTenantId(), p.getUserId(), p.getVersion(), p.getTeamId(), p.getEmail(),
                p.getDisplayName(), p.getRoles(), p.getActive()));
    }

    private Uni<Void> apply(UserState p) {
        String tenantId = p.tenantId();
        String userId = p.userId();
        long version = p.version();
        return ensureTenant(tenantId)
                .chain(() -> agents.findById(userId))
                .chain(existing -> {
                    if (existing != null && existing.userVersion >= version) {
                        return Uni.createFrom().voidItem();
                    }
                    Agent agent = existing != null ? existing : new Agent();
                    agent.userId = userId;
                    agent.tenantId = tenantId;
                    agent.teamId = p.teamId();
                    agent.email = p.email();
                    agent.displayName = p.displayName();
                    agent.roles = String.join(",", roles(p.roles()));
                    agent.active = p.active() == null || p.active();
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

    private static List<String> roles(Set<UserRole> roles) {
        List<String> names = new ArrayList<>();
        if (roles != null) {
            roles.forEach(r -> names.add(r.value()));
        }
        return names;
    }
}
