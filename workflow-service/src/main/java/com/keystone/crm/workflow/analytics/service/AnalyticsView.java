package com.keystone.crm.workflow.analytics.service;

import java.util.List;
import java.util.Map;

/**
 * A workflow's numbers: per version and A/B variant the enrollments by state and exit reason and the goal
 * conversion with its 95% Wilson interval; per step the funnel (reached, each outcome, and for send steps what became
 * of the messages: sent, delivered, failed, replied); time to first touch.
 */
public record AnalyticsView(List<Cohort> cohorts, List<Step> steps, List<FirstTouch> firstTouch) {
    public record Cohort(int version, String variant, long enrolled, long active, long paused, long completed, long exited,
                         long failed, Map<String, Long> endedByReason, long converted, double conversionRate,
                         double conversionLow, double conversionHigh) {
    }

    public record Step(int version, String stepId, String type, long reached, Map<String, Long> outcomes,
                       Map<String, Long> messages) {
    }

    public record FirstTouch(int version, long enrollments, double medianSeconds, double p90Seconds) {
    }
}
