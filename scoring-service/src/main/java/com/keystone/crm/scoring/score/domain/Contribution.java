package com.keystone.crm.scoring.score.domain;

/** One feature's signed share in a score, with the lead's value and a sentence for people. */
public record Contribution(String feature, Object value, double contribution, String description) {
}
