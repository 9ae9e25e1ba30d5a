package com.keystone.crm.lead.lead.api;

import com.keystone.crm.lead.lead.domain.Consent;
import com.keystone.crm.lead.lead.domain.LeadType;
import com.keystone.crm.lead.lead.domain.Timeframe;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The descriptive fields of a lead as a client sends them (raw emails and phones), shared by create, update,
 * ingestion and import; {@code LeadProfileNormaliser} checks and normalises it.
 */
public record LeadProfile(String firstName, String lastName, List<String> emails, List<String> phones, LeadType type,
                          String city, String postalCode, String propertyType, BigDecimal budgetMin, BigDecimal budgetMax,
                          List<String> preferredAreas, Timeframe timeframe, List<String> tags, Consent consent,
                          String timezone) {

    public static List<String> join(String single, List<String> list) {
        List<String> all = new ArrayList<>();
        if (single != null && !single.isBlank()) {
            all.add(single);
        }
        if (list != null) {
            all.addAll(list);
        }
        return all;
    }

    static boolean isZone(String timezone) {
        if (timezone == null) {
            return true;
        }
        try {
            ZoneId.of(timezone);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
