package com.keystone.crm.gateway.repository;

import com.keystone.crm.gateway.domain.AppUser;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class AppUserRepository implements PanacheRepositoryBase<AppUser, String> {
    public io.smallrye.mutiny.Uni<AppUser> findByEmail(String email) {
        return find("email", email).firstResult();
    }

    public io.smallrye.mutiny.Uni<AppUser> findInTenant(String tenantId, String id) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
    }
}
