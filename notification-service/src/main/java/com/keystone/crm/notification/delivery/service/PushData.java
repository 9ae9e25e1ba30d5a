package com.keystone.crm.notification.delivery.service;

import com.keystone.crm.platform.contracts.events.LeadAssigned;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The custom data this service itself puts into a push (FCM {@code data}, APNs custom keys) besides the delivery and
 * lead ids: what kind of alert it is, so the app can route the tap (a "new lead" alert opens the lead) and the
 * device preference {@code leadAlerts} can apply. Null fields are left out of the payload.
 *
 * @param type             {@value #LEAD_ASSIGNED} for the speed-to-lead alert; null for a plain push
 * @param assignmentMethod how the lead was assigned (lead.assigned {@code method}), for a lead alert
 */
public record PushData(String type, String assignmentMethod) {
    /** The type of the "new lead assigned to you" push (the device preference leadAlerts applies to it). */
    public static final String LEAD_ASSIGNED = "lead-assigned";

    public static PushData leadAssigned(LeadAssigned.Method method) {
        return new PushData(LEAD_ASSIGNED, method == null ? null : method.value());
    }

    /** Whether only devices with lead alerts on receive it. */
    public boolean isLeadAlert() {
        return LEAD_ASSIGNED.equals(type);
    }

    /** The payload fields, under the keys the app reads ({@code type}, {@code method}). */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        if (type != null) {
            fields.put("type", type);
        }
        if (assignmentMethod != null) {
            fields.put("method", assignmentMethod);
        }
        return fields;
    }
}
