package com.keystone.crm.workflow.simulation.service;

import java.time.Instant;
import java.util.List;

/**
 * The timeline a dry run predicts: each step with its time and outcome, the message or task it would request, and how
 * the enrollment would end. A message's {@code sendAt} is when notification-service says it would really go out
 * (quiet hours are its rule, asked, not copied), {@code heldFor} why it waits; {@code quietHours} says whether it was
 * asked ({@code applied}), not needed ({@code none}) or could not be ({@code not-applied: ...}, then sendAt = at).
 */
public record SimulationView(Instant enrolledAt, List<Entry> timeline, String endState, String endReason, Instant endsAt,
                             String waitingFor, String quietHours) {
    public record Entry(int seq, Instant at, String stepId, String type, String outcome, String detail, String effect,
                        String channel, String category, String templateKey, String recipient, Instant sendAt,
                        String heldFor) {
        Entry sending(Instant when, String why) {
            return new Entry(seq, at, stepId, type, outcome, detail, effect, channel, category, templateKey, recipient, when, why);
        }

        boolean isMessage() {
            return channel != null;
        }
    }

    SimulationView with(List<Entry> entries, String quietHoursState) {
        return new SimulationView(enrolledAt, entries, endState, endReason, endsAt, waitingFor, quietHoursState);
    }
}
