package com.keystone.crm.platform.contracts;

import java.util.List;

/**
 * The event types of the system. An event type is a stable name, {@code <aggregate>.<past-tense-event>}
 * (commands: {@code <thing>.requested}); it is also the Kafka topic name and the CloudEvents {@code ce_type}.
 * Never use a Java class name as an event type.
 *
 * <p>Every constant has a JSON Schema at {@code contracts/schemas/<type>.schema.json} and an entry in
 * {@code contracts/topics.json}; {@code EventTypesTest} keeps the three in step.
 */
public final class EventTypes {

    public static final String USER_CREATED = "user.created";
    public static final String USER_UPDATED = "user.updated";

    public static final String LEAD_CREATED = "lead.created";
    public static final String LEAD_UPDATED = "lead.updated";
    public static final String LEAD_STATUS_CHANGED = "lead.status-changed";
    public static final String LEAD_ASSIGNED = "lead.assigned";
    public static final String LEAD_ACTIVITY_RECORDED = "lead.activity-recorded";
    public static final String LEAD_SCORED = "lead.scored";

    public static final String TASK_CREATED = "task.created";
    public static final String TASK_COMPLETED = "task.completed";
    public static final String TASK_REQUESTED = "task.requested";

    public static final String LEAD_UPDATE_REQUESTED = "lead.update-requested";

    public static final String PROPERTY_UPDATED = "property.updated";
    public static final String PROPERTY_REMOVED = "property.removed";
    public static final String MLS_SYNC_COMPLETED = "mls.sync-completed";

    public static final String NOTIFICATION_REQUESTED = "notification.requested";
    public static final String NOTIFICATION_DELIVERED = "notification.delivered";
    public static final String NOTIFICATION_FAILED = "notification.failed";
    public static final String NOTIFICATION_REPLIED = "notification.replied";
    public static final String CONTACT_OPTED_OUT = "contact.opted-out";

    public static final String WORKFLOW_ENROLLMENT_CHANGED = "workflow.enrollment-changed";

    /** Issue #10: access tokens revoked before they expire (api-gateway → every service). */
    public static final String AUTH_ACCESS_REVOKED = "auth.access-revoked";
    /** Issue #10: an audited data access (lead-service → api-gateway's audit log). */
    public static final String AUDIT_RECORDED = "audit.recorded";
    /** Issue #14: a scheduled check found the serving scoring model drifted (an alert; no service consumes it). */
    public static final String MODEL_DRIFT_DETECTED = "model.drift-detected";

    /** All event types, in catalogue order. */
    public static final List<String> ALL = List.of(
            USER_CREATED, USER_UPDATED,
            LEAD_CREATED, LEAD_UPDATED, LEAD_STATUS_CHANGED, LEAD_ASSIGNED, LEAD_ACTIVITY_RECORDED,
            TASK_CREATED, TASK_COMPLETED, TASK_REQUESTED, LEAD_UPDATE_REQUESTED,
            PROPERTY_UPDATED, PROPERTY_REMOVED, MLS_SYNC_COMPLETED,
            NOTIFICATION_REQUESTED, NOTIFICATION_DELIVERED, NOTIFICATION_FAILED, NOTIFICATION_REPLIED,
            CONTACT_OPTED_OUT, WORKFLOW_ENROLLMENT_CHANGED, LEAD_SCORED, MODEL_DRIFT_DETECTED, AUTH_ACCESS_REVOKED,
            AUDIT_RECORDED);

    private EventTypes() {
    }

    /** True when {@code eventType} is one of {@link #ALL}. */
    public static boolean isKnown(String eventType) {
        return eventType != null && ALL.contains(eventType);
    }
}
