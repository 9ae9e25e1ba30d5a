package com.keystone.crm.lead.lead.service;

import com.keystone.crm.lead.lead.domain.LeadStatus;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static com.keystone.crm.lead.lead.domain.LeadStatus.ACTIVE_CLIENT;
import static com.keystone.crm.lead.lead.domain.LeadStatus.APPOINTMENT_SET;
import static com.keystone.crm.lead.lead.domain.LeadStatus.ARCHIVED;
import static com.keystone.crm.lead.lead.domain.LeadStatus.ATTEMPTED_CONTACT;
import static com.keystone.crm.lead.lead.domain.LeadStatus.CLOSED_WON;
import static com.keystone.crm.lead.lead.domain.LeadStatus.CONTACTED;
import static com.keystone.crm.lead.lead.domain.LeadStatus.LOST;
import static com.keystone.crm.lead.lead.domain.LeadStatus.NEW;
import static com.keystone.crm.lead.lead.domain.LeadStatus.UNDER_CONTRACT;

/**
 * The status transitions agents may make. Forward steps may skip stages (a lead who calls back is contacted
 * without an attempt); a deal that falls through goes back to active client; lost and archived leads can be
 * reopened; closed-won is final except for archiving.
 */
public final class LeadPipeline {
    private static final Map<LeadStatus, Set<LeadStatus>> NEXT = new EnumMap<>(LeadStatus.class);

    static {
        NEXT.put(NEW, EnumSet.of(ATTEMPTED_CONTACT, CONTACTED, APPOINTMENT_SET, ACTIVE_CLIENT, LOST, ARCHIVED));
        NEXT.put(ATTEMPTED_CONTACT, EnumSet.of(CONTACTED, APPOINTMENT_SET, ACTIVE_CLIENT, LOST, ARCHIVED));
        NEXT.put(CONTACTED, EnumSet.of(ATTEMPTED_CONTACT, APPOINTMENT_SET, ACTIVE_CLIENT, LOST, ARCHIVED));
        NEXT.put(APPOINTMENT_SET, EnumSet.of(CONTACTED, ACTIVE_CLIENT, LOST, ARCHIVED));
        NEXT.put(ACTIVE_CLIENT, EnumSet.of(UNDER_CONTRACT, LOST, ARCHIVED));
        NEXT.put(UNDER_CONTRACT, EnumSet.of(CLOSED_WON, ACTIVE_CLIENT, LOST));
        NEXT.put(CLOSED_WON, EnumSet.of(ARCHIVED));
        NEXT.put(LOST, EnumSet.of(NEW, CONTACTED, ARCHIVED));
        NEXT.put(ARCHIVED, EnumSet.of(NEW));
    }

    private LeadPipeline() {
    }

    public static boolean allows(LeadStatus from, LeadStatus to) {
        return NEXT.get(from).contains(to);
    }

    public static Set<LeadStatus> next(LeadStatus from) {
        return EnumSet.copyOf(NEXT.get(from));
    }
}
