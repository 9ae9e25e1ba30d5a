package com.keystone.crm.workflow.definition.domain;

/** What enrolls a lead: the event type of a trigger, or manual (API) enrollment only. */
public final class TriggerType {
    public static final String LEAD_CREATED = "lead.created";
    public static final String STATUS_CHANGED = "lead.status-changed";
    public static final String SCORED = "lead.scored";
    public static final String ACTIVITY = "lead.activity-recorded";
    public static final String MANUAL = "manual";
    /** A recurring segment sweep: every period, the tenant's leads matching the filter enroll (once per window). */
    public static final String SCHEDULE = "schedule";

    private TriggerType() {
    }
}
