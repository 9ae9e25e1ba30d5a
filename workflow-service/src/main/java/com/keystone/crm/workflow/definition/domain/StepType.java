package com.keystone.crm.workflow.definition.domain;

/** The step types of a definition (the {@code type} of a step). */
public final class StepType {
    public static final String SEND = "send";
    public static final String TASK = "task";
    public static final String WAIT = "wait";
    public static final String WAIT_FOR = "waitFor";
    public static final String BRANCH = "branch";
    public static final String SPLIT = "split";
    public static final String UPDATE = "update";
    public static final String EXIT = "exit";
    public static final String GOAL = "goal";

    private StepType() {
    }
}
