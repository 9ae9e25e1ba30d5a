package com.keystone.crm.workflow.intake.service;

import com.keystone.crm.workflow.enrollment.service.StepRunner;

import java.util.List;

/**
 * What a poll's transaction did that matters once it committed: the steps it ran (new enrollments' first ones), to be
 * counted, and whether it left an enrollment due at once (a waitFor's event moved it on), for the timer worker.
 */
public record PollOutcome(List<StepRunner.Ran> ran, boolean stepsDue) {
    static final PollOutcome NOTHING = new PollOutcome(List.of(), false);
}
