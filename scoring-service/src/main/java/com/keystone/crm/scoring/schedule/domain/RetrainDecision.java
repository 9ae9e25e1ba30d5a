package com.keystone.crm.scoring.schedule.domain;

import com.keystone.crm.scoring.training.domain.TrainingRun;

/**
 * Whether a scheduled check queues a training run, with which trigger and why. A run already waiting or running is
 * not stacked on; an alert makes the run a drift run whatever the mode (except never).
 *
 * @param trigger {@link TrainingRun#TRIGGER_SCHEDULED} or {@link TrainingRun#TRIGGER_DRIFT}; null without a run
 */
public record RetrainDecision(boolean retrain, String trigger, String reason) {
    public static RetrainDecision of(RetrainMode mode, boolean driftAlert, boolean calibrationAlert, boolean runPending) {
        boolean alert = driftAlert || calibrationAlert;
        String why = driftAlert && calibrationAlert ? "feature or score drift and calibration drift"
                : driftAlert ? "feature or score drift" : "calibration drift";
        if (mode == RetrainMode.NEVER) {
            return new RetrainDecision(false, null, "retraining by the schedule is off (crm.scoring.schedule.retrain=never)"
                    + (alert ? "; alert: " + why : ""));
        }
        if (runPending) {
            return new RetrainDecision(false, null, "a training run is already queued or running");
        }
        if (alert) {
            return new RetrainDecision(true, TrainingRun.TRIGGER_DRIFT, "retrain after an alert: " + why);
        }
        if (mode == RetrainMode.ALWAYS) {
            return new RetrainDecision(true, TrainingRun.TRIGGER_SCHEDULED, "scheduled retraining on the latest feature store data");
        }
        return new RetrainDecision(false, null, "no drift alert (crm.scoring.schedule.retrain=on-drift)");
    }
}
