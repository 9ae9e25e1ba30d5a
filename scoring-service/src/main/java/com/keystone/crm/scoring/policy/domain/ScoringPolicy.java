package com.keystone.crm.scoring.policy.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A tenant's scoring policy: what "converted" means (statuses reached within a window of days after the cutoff)
 * and the transparent points table the rules answer with below the data gate or when a model fails.
 */
public record ScoringPolicy(@NotEmpty @Size(max = 9) List<@NotNull String> convertedStatuses,
                            @DecimalMin("1") @DecimalMax("730") int labelWindowDays,
                            @DecimalMin("0") @DecimalMax("100") double basePoints,
                            @NotNull @Size(max = 100) List<@Valid @NotNull PointsRule> rules) {
    /** The rules a tenant starts with (kvCORE-like stars from behaviour and profile). */
    public static ScoringPolicy defaults(List<String> convertedStatuses, int windowDays) {
        return new ScoringPolicy(convertedStatuses, windowDays, 10, List.of(
                new PointsRule("replied_within_1h", null, 1.0, null, 25, "replied within an hour"),
                new PointsRule("replies", null, 1.0, null, 15, "replied to a message"),
                new PointsRule("timeframe", "0-3-months", null, null, 20, "wants to move within 3 months"),
                new PointsRule("timeframe", "12-plus-months", null, null, -5, "moving in more than a year"),
                new PointsRule("source", "referral", null, null, 15, "came by referral"),
                new PointsRule("activities", null, 3.0, null, 10, "three or more activities"),
                new PointsRule("activities_property_viewed", null, 1.0, null, 10, "viewed listings"),
                new PointsRule("days_since_last_activity", null, 30.0, null, -15, "no activity for 30 days"),
                new PointsRule("budget_max", null, 1.0, null, 5, "gave a budget")));
    }
}
