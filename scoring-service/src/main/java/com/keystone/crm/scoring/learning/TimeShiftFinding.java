package com.keystone.crm.scoring.learning;

import java.util.List;

/**
 * A feature the time-stability guard reported: between the older and the newer half of the training rows its
 * distribution moved a lot, or its relation to the outcome turned round.
 *
 * @param reasons  distribution-shift (PSI between the halves at or above the guard's bar) and/or
 *                 relation-reversed (alone it ranks conversions one way in the older half and the other way in the
 *                 newer one)
 * @param psi      population stability index of the newer half against the older half
 * @param olderAuc its ROC AUC alone on the older half (a number as it is, a category by the older half's rates)
 * @param newerAuc the same on the newer half (a category still by the older half's rates: what a model would carry over)
 */
public record TimeShiftFinding(String feature, List<String> reasons, double psi, double olderAuc, double newerAuc) {
}
