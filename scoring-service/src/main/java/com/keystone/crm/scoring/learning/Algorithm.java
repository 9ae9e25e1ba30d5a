package com.keystone.crm.scoring.learning;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The candidate learners; {@link #RULES} is the points table used below the data gate or when a model fails. */
public enum Algorithm {
    LOGISTIC_REGRESSION("logistic-regression"), RANDOM_FOREST("random-forest"), GRADIENT_BOOSTING("gradient-boosting"),
    RULES("rules");

    private final String json;

    Algorithm(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    @JsonCreator
    public static Algorithm of(String value) {
        for (Algorithm a : values()) {
            if (a.json.equals(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + value + "'");
    }

    public String shortName() {
        return switch (this) {
            case LOGISTIC_REGRESSION -> "lr";
            case RANDOM_FOREST -> "rf";
            case GRADIENT_BOOSTING -> "gbt";
            case RULES -> "rules";
        };
    }
}
