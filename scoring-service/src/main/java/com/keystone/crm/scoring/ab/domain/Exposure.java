package com.keystone.crm.scoring.ab.domain;

import java.time.Instant;

/** A lead in an A/B test: its arm, the latest prediction before its outcome, when it entered and converted. */
public record Exposure(String variant, double probability, Instant firstScoredAt, Instant convertedAt) {
}
