package com.keystone.crm.scoring.ab.domain;

/**
 * What became of a model a scheduled run trained while a champion serves: an A/B test was started with it, or it
 * waits for an admin (proposed) and why. It never replaces the champion by itself.
 *
 * @param outcome {@code first-champion}, {@code ab-test-started}, {@code proposed} or {@code not-eligible}
 */
public record ChallengerProposal(String outcome, String model, Double share, String detail) {
    public static final String FIRST_CHAMPION = "first-champion";
    public static final String STARTED = "ab-test-started";
    public static final String PROPOSED = "proposed";
    public static final String NOT_ELIGIBLE = "not-eligible";
}
