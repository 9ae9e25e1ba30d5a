package com.keystone.crm.scoring.score.domain;

import java.util.List;

/**
 * A computed score: 0-100 (the calibrated probability of converting, times 100), its tier, every feature's
 * contribution (largest first), the model that answered and whether the rule-based fallback did; the A/B test
 * (the challenger's id) the lead took part in, if any.
 */
public record ScoreResult(double score, double probability, String tier, String modelVersion, String variant,
                          boolean fallback, String contributionUnit, List<Contribution> contributions, String fallbackReason,
                          java.util.UUID experimentId) {
    public List<Contribution> topReasons() {
        return contributions.stream().filter(c -> c.contribution() != 0).limit(3).toList();
    }
}
