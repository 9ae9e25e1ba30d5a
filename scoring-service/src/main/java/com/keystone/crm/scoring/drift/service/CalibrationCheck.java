package com.keystone.crm.scoring.drift.service;

import com.keystone.crm.platform.chassis.worker.LeasedWorker;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.drift.domain.CalibrationReport;
import com.keystone.crm.scoring.learning.ScoringModel;
import com.keystone.crm.scoring.model.domain.ModelVersion;
import com.keystone.crm.scoring.model.service.ModelCache;
import com.keystone.crm.scoring.policy.domain.ScoringPolicy;
import com.keystone.crm.scoring.training.service.EventTrainingData;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Observed against predicted conversion per score decile of a champion, on the leads whose outcome is known now and
 * whose cutoff came after the model was trained (so it never saw them): each is scored as the model would have
 * scored it at its cutoff (features folded up to it, point in time) and labelled as training labels it. Blocking
 * reads: called from the scheduled check's thread.
 */
@ApplicationScoped
public class CalibrationCheck {
    private final EventTrainingData data;
    private final ModelCache cache;
    private final ScoringConfig config;

    public CalibrationCheck(EventTrainingData data, ModelCache cache, ScoringConfig config) {
        this.data = data;
        this.cache = cache;
        this.config = config;
    }

    public CalibrationReport check(ModelVersion champion, ScoringPolicy policy, Instant now) {
        // a lead's cutoff is its creation + observation: after the model's creation means created after this
        Instant createdAfter = champion.createdAt.minus(config.labels().observation());
        List<EventTrainingData.LabelledLead> leads = data.labelled(champion.tenantId, policy, now, createdAfter,
                config.drift().calibrationMaxLeads());
        ScoringModel model = LeasedWorker.await(() -> Panache.withSession(() -> cache.model(champion.id)));
        double[] predicted = new double[leads.size()];
        boolean[] converted = new boolean[leads.size()];
        for (int i = 0; i < leads.size(); i++) {
            predicted[i] = model.probability(leads.get(i).features());
            converted[i] = leads.get(i).converted();
        }
        return CalibrationReport.of(champion.name, predicted, converted, config.drift().minLeads(),
                config.drift().alertCalibrationError(), config.ab().confidence());
    }
}
