package com.keystone.crm.lead.routing.repository;

import com.keystone.crm.lead.routing.domain.AgentAvailability;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class AgentAvailabilityRepository implements PanacheRepositoryBase<AgentAvailability, String> {
    public Uni<List<AgentAvailability>> ofUsers(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("userId in ?1", userIds);
    }
}
