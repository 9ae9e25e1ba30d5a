package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.lead.domain.Lead;
import com.keystone.crm.platform.chassis.security.Caller;

/**
 * Who may see a lead inside a tenant: an admin all, a team lead the team's and their own, an agent those
 * assigned to them. Anything else is answered as if the lead did not exist.
 */
public final class LeadAccess {
    private LeadAccess() {
    }

    public static boolean canSee(Caller caller, Lead lead) {
        if (!lead.tenantId.equals(caller.tenantId())) {
            return false;
        }
        if (caller.isAdmin()) {
            return true;
        }
        String me = caller.userId();
        if (me.equals(lead.assignedAgentId)) {
            return true;
        }
        return caller.isTeamLead() && lead.teamId != null && caller.teamId().map(lead.teamId::equals).orElse(false);
    }
}
