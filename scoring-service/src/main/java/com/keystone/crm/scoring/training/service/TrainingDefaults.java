package com.keystone.crm.scoring.training.service;

import com.keystone.crm.platform.chassis.problem.Problem;
import com.keystone.crm.platform.chassis.problem.ProblemException;
import com.keystone.crm.scoring.config.ScoringConfig;
import com.keystone.crm.scoring.learning.CsvTableReader;
import com.keystone.crm.scoring.learning.DataPreparation;
import com.keystone.crm.scoring.learning.DataProblem;
import com.keystone.crm.scoring.learning.ProtectedAttributes;
import com.keystone.crm.scoring.learning.TrainingSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The learning pieces as configured (crm.scoring.training.*, crm.scoring.protected-terms). */
@ApplicationScoped
public class TrainingDefaults {
    private final ScoringConfig config;

    public TrainingDefaults(ScoringConfig config) {
        this.config = config;
    }

    public CsvTableReader reader() {
        return new CsvTableReader(config.training().maxRows(), 500);
    }

    public ProtectedAttributes protectedAttributes() {
        Set<String> terms = new HashSet<>(ProtectedAttributes.DEFAULT_TERMS);
        config.protectedTerms().orElse(List.of()).forEach(t -> terms.add(t.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")));
        return new ProtectedAttributes(terms);
    }

    public DataPreparation preparation() {
        return new DataPreparation(protectedAttributes(), config.training().minRows(), config.training().minPerClass());
    }

    public TrainingSettings settings() {
        TrainingSettings d = TrainingSettings.defaults();
        ScoringConfig.Training t = config.training();
        return new TrainingSettings(d.candidates(), d.holdoutShare(), t.folds(), d.lambda(), t.forestTrees(),
                d.forestMaxDepth(), d.forestMaxNodes(), d.forestNodeSize(), t.boostTrees(), d.boostMaxDepth(),
                d.boostMaxNodes(), d.boostNodeSize(), d.boostShrinkage(), d.boostSubsample(), t.calibration(),
                t.leakageAuc(), d.strongAuc(), d.minLevelCount(), d.maxTrainingRows());
    }

    public boolean gateMet(int leads, int conversions) {
        return leads >= config.gate().minLeads() && conversions >= config.gate().minConversions();
    }

    public ScoringConfig.Gate gate() {
        return config.gate();
    }

    /** A data problem as the 422 problem+json that names the field. */
    public static ProblemException problem(DataProblem p) {
        return new ProblemException(Problem.of(p.slug(), "Unprocessable Content", 422, p.getMessage())
                .withErrors(List.of(new Problem.FieldError(p.field(), p.getMessage()))));
    }
}
