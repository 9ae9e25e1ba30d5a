package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.lead.lead.repository.LeadRepository;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.platform.chassis.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Loads a lead the caller may see, or answers 404 as if it did not exist (another tenant's, another agent's,
 * deleted). Every endpoint under /api/v1/leads/{id} goes through here.
 */
@ApplicationScoped
public class LeadFinder {
    private final LeadRepository leads;

    public LeadFinder(LeadRepository leads) {
        this.leads = leads;
    }

    /** Needs an open session (@WithSession / @WithTransaction on the caller). */
    public Uni<Lead> visible(Caller caller, UUID id) {
        return leads.findInTenant(caller.tenantId(), id).map(lead -> {
            if (lead == null || !LeadAccess.canSee(caller, lead)) {
                throw ProblemException.notFound("Lead " + id);
            }
            return lead;
        });
    }

    /** The id from a path segment; anything that is not a UUID is a lead that does not exist. */
    public static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Lead " + id);
        }
    }
}
