package com.keystone.crm.workflow.enrollment.domain;

/** The states of an enrollment (the values of workflow.enrollment-changed's fromState/toState). */
public final class EnrollmentState {
    public static final String ACTIVE = "active";
    public static final String PAUSED = "paused";
    public static final String COMPLETED = "completed";
    public static final String EXITED = "exited";
    public static final String FAILED = "failed";

    private EnrollmentState() {
    }
}
