package com.keystone.crm.scoring.drift.messaging;

import com.keystone.crm.platform.chassis.outbox.OutboxEvent;
import com.keystone.crm.platform.contracts.events.FeaturePsi;
import com.keystone.crm.platform.contracts.events.ModelDriftDetected;
import com.keystone.crm.scoring.drift.domain.CalibrationReport;
import com.keystone.crm.scoring.drift.domain.DriftCheck;
import com.keystone.crm.scoring.drift.domain.DriftReport;

import java.math.BigDecimal;
import java.util.List;

/**
 * The {@code model.drift-detected} event of an alerting check (issue #14 item 9: drift is a visible alert): what
 * drifted and by how much, and the retraining the check queued. Written through the outbox with the check itself.
 */
public final class DriftDetectedEvent {
    static final String AGGREGATE = "model";

    private DriftDetectedEvent() {
    }

    /** The event of {@code check}, which must have alerted; either report may be null (not measured). */
    public static OutboxEvent of(DriftCheck check, DriftReport drift, CalibrationReport calibration) {
        if (!check.alert || check.modelName == null) {
            throw new IllegalArgumentException("only an alerting check of a model is published");
        }
        List<FeaturePsi> features = drift == null ? List.of() : drift.features().stream()
                .filter(DriftReport.FeatureDrift::alert)
                .map(f -> (FeaturePsi) FeaturePsi.builder().withFeature(f.feature()).withPsi(BigDecimal.valueOf(f.psi())).build())
                .toList();
        ModelDriftDetected event = ModelDriftDetected.builder()
                .withCheckId(check.id)
                .withTenantId(check.tenantId)
                .withVersion(1L)
                .withOccurredAt(check.checkedAt)
                .withModelVersion(check.modelName)
                .withDrifted(List.of(check.drifted))
                .withAlertPsi(drift == null ? null : BigDecimal.valueOf(drift.threshold()))
                .withScorePsi(drift == null || drift.scorePsi() == null ? null : BigDecimal.valueOf(drift.scorePsi()))
                .withFeaturePsi(features)
                .withLeads(drift == null ? null : (long) drift.leads())
                .withExpectedCalibrationError(calibration == null || !calibration.alert() ? null
                        : BigDecimal.valueOf(calibration.expectedCalibrationError()))
                .withRetrainQueued(check.trainingRunId != null)
                .withTrainingRunId(check.trainingRunId)
                .build();
        return OutboxEvent.of(AGGREGATE, check.id.toString(), event);
    }
}
