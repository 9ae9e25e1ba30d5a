package com.keystone.crm.workflow.lead.service;

import com.keystone.crm.workflow.lead.domain.LeadProjection;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The variables a CEL condition sees for a lead (see {@code Conditions} for the list and their types). */
public final class LeadFacts {
    private LeadFacts() {
    }

    public static Map<String, Object> of(LeadProjection lead, Instant now) {
        Map<String, Object> v = new HashMap<>();
        v.put("status", nz(lead.status));
        v.put("source", nz(lead.source));
        v.put("tier", nz(lead.tier));
        v.put("lastActivityType", nz(lead.lastActivityType));
        v.put("assignedAgentId", nz(lead.assignedAgentId));
        v.put("tags", lead.tags == null ? List.of() : Arrays.asList(lead.tags));
        v.put("score", lead.score == null ? 0.0 : lead.score);
        v.put("scored", lead.score != null);
        v.put("replied", lead.repliedAt != null);
        v.put("consent", lead.consent == null ? Map.of() : new LinkedHashMap<>(lead.consent));
        v.put("fields", celValues(lead.fields));
        v.put("daysSinceLastActivity", lead.lastActivityAt == null ? -1L
                : Math.max(0L, Duration.between(lead.lastActivityAt, now).toDays()));
        v.put("daysSinceCreated", lead.leadCreatedAt == null ? -1L
                : Math.max(0L, Duration.between(lead.leadCreatedAt, now).toDays()));
        return v;
    }

    /** JSON numbers as CEL wants them: whole numbers as long, others as double. */
    private static Map<String, Object> celValues(Map<String, Object> fields) {
        Map<String, Object> out = new HashMap<>();
        if (fields == null) {
            return out;
        }
        fields.forEach((k, val) -> {
            if (val == null) {
                return; // absent: has(fields.x) is false
            }
            if (val instanceof Number n) {
                out.put(k, (n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal) ? n.doubleValue() : n.longValue());
            } else {
                out.put(k, val);
            }
        });
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
