package com.keystone.crm.scoring.learning;

import java.io.Serializable;

/** A fitted candidate: the probability of conversion of an encoded row and each encoded column's contribution. */
public interface ProbabilityModel extends Serializable {
    double probability(double[] x);

    /** Signed contribution of every encoded column to this row's prediction (see {@link #contributionUnit()}). */
    double[] contributions(double[] x);

    Algorithm algorithm();

    /** "log-odds" or "probability": what a contribution is measured in. */
    String contributionUnit();
}
