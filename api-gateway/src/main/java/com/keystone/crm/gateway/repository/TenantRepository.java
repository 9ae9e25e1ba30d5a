package com.keystone.crm.gateway.repository;

import com.keystone.crm.gateway.domain.Tenant;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<Tenant, String> {
}
