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

    Ab ab();

    Drift drift();

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

    /** Champion/challenger tests (crm.scoring.ab.*). */
    interface Ab {
        /** The share of leads a challenger scores when an admin starts one without naming a share. */
        @WithDefault("0.2")
        double challengerShare();

        /** Conversions each arm needs before the report may declare a winner. */
        @WithDefault("30")
        int minConversions();

        /** The confidence level of the report's intervals. */
        @WithDefault("0.95")
        double confidence();
    }

    /** Drift of the champion against its training data (crm.scoring.drift.*). */
    interface Drift {
        /** Leads the champion scored within this period are the recent traffic. */
        @WithDefault("P7D")
        Duration window();

        /** At most this many of them (the most recently scored). */
        @WithDefault("2000")
        int maxLeads();

        /** Fewer leads than this give figures but no alert. */
        @WithDefault("100")
        int minLeads();

        /** A PSI at or above this (feature or scores) is an alert; 0.25 is the usual "significant shift". */
        @WithDefault("0.25")
        double alertPsi();
    }
}
