package com.keystone.crm.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/** crm.scoring.*: serving, the data gate, labels and training knobs (defaults in application.properties). */
@ConfigMapping(prefix = "crm.scoring")
public interface ScoringConfig {
    Duration debounce();

    String pollInterval();

    double publishMinChange();

    Tiers tiers();

    Gate gate();

    double championMargin();

    Labels labels();

    Training training();

    /** Names of protected characteristics refused as features, on top of the defaults (crm.scoring.protected-terms). */
    Optional<List<String>> protectedTerms();

    interface Tiers {
        double hot();

        double warm();

        double cool();
    }

    interface Gate {
        int minLeads();

        int minConversions();
    }

    interface Labels {
        List<String> convertedStatuses();

        Period window();

        /** Features of a lead are taken this long after its creation (the cutoff of its training row). */
        Period observation();
    }

    interface Training {
        long maxFileBytes();

        int maxRows();

        int minRows();

        int minPerClass();

        int folds();

        int forestTrees();

        int boostTrees();

        String calibration();

        double leakageAuc();

        Duration pollInterval();

        Duration lease();

        @WithDefault("true")
        boolean enabled();
    }
}
