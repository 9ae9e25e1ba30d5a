package com.keystone.crm.lead.directory.service;

import com.keystone.crm.lead.directory.repository.TenantRepository;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses callers whose tenant this service has never heard of: a validly signed token for a brokerage that was
 * never provisioned (the gateway's user events provision it) gets 403, and nothing is written.
 */
@ApplicationScoped
public class TenantGuard {
    private final TenantRepository tenants;

    public TenantGuard(TenantRepository tenants) {
        this.tenants = tenants;
    }

    public Uni<Void> requireKnown(String tenantId) {
        return tenants.findById(tenantId).map(t -> {
            if (t == null) {
                throw ProblemException.forbidden("unknown-tenant", "Tenant " + tenantId + " is not known to this service");
            }
            return null;
        });
    }
}
