package com.keystone.crm.workflow.enrollment.domain;

/** Why an enrollment started or ended (workflow.enrollment-changed's reason). */
public final class ExitReason {
    public static final String ENROLLED = "enrolled";
    public static final String COMPLETED = "completed";
    public static final String GOAL_REACHED = "goal-reached";
    public static final String LEAD_REPLIED = "lead-replied";
    public static final String OPTED_OUT = "opted-out";
    public static final String LEAD_DELETED = "lead-deleted";
    public static final String AGENT_PAUSED = "agent-paused";
    public static final String RESUMED = "resumed";
    public static final String MANUAL = "manual";

    private ExitReason() {
    }
}
