package com.keystone.crm.scoring.learning;

/**
 * A feature the leakage guard flagged.
 *
 * @param reason     implausibly-high-auc (alone it separates the outcomes almost perfectly) or
 *                   dominates-other-features (alone it predicts better than every other feature together: it is
 *                   probably recorded at or after the outcome)
 * @param singleAuc  its own ROC AUC
 * @param othersAuc  the AUC of a model of all other features on the same rows (dominance check), or null
 * @param overridden an admin allowed it anyway
 */
public record LeakageFinding(String feature, String reason, double singleAuc, Double othersAuc, boolean overridden) {
}
