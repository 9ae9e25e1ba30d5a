package com.keystone.crm.workflow.simulation.service;

import java.time.Instant;
import java.util.List;

/**
 * The timeline a dry run predicts: each step with its time and outcome, the message or task it would request, and how
 * the enrollment would end. {@code sendAt} is when the request would be made; quiet hours are notification-service's
 * rule and are not applied here.
 */
public record SimulationView(Instant enrolledAt, List<Entry> timeline, String endState, String endReason, Instant endsAt,
                             String waitingFor) {
    public record Entry(int seq, Instant at, String stepId, String type, String outcome, String detail, String effect,
                        String channel, String templateKey, String recipient) {
    }
}
