package com.keystone.crm.scoring.drift.domain;

import java.time.Instant;
import java.util.List;

/**
 * How far recent scoring traffic has moved from the champion's training data: the population stability index of
 * each feature and of the scores, and whether any reached the alert threshold (judged only on enough leads).
 */
public record DriftReport(String model, Instant from, Instant to, int leads, int trainingRows, double threshold,
                          boolean enoughLeads, Double scorePsi, List<FeatureDrift> features, boolean alert,
                          List<String> drifted) {
    public record FeatureDrift(String feature, double psi, boolean alert) {
    }
}
