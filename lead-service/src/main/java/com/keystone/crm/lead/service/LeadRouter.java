package com.keystone.crm.lead.service;

import com.keystone.crm.lead.domain.Lead;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Assigns a lead created without an assignee, inside the creating transaction. The tenant's routing rules
 * (issue 3) decide; until a tenant has rules the lead stays unassigned and only admins see it.
 */
@ApplicationScoped
public class LeadRouter {
    public Uni<Void> routeNewLead(Lead lead, String actorId) {
        return Uni.createFrom().voidItem();
    }
}
