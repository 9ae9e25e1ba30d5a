package com.keystone.crm.scoring.schedule.domain;

import java.util.Locale;

/** crm.scoring.schedule.retrain: when a scheduled check queues a training run on the feature store. */
public enum RetrainMode {
    /** Every check (the weekly training); a drift alert only names the reason. */
    ALWAYS,
    /** Only after a drift or calibration alert. */
    ON_DRIFT,
    /** Never: checks only measure and alert. */
    NEVER;

    public static RetrainMode of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("crm.scoring.schedule.retrain must be always, on-drift or never, not " + value);
        }
    }
}
