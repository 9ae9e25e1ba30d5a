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

    Schedule schedule();

    Features features();

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

        /**
         * Whether the scheduled check acts on a running test's verdict: a challenger that won with confidence is
         * promoted, one that lost with confidence is stopped (audited as the schedule's). Off: an admin decides.
         */
        @WithDefault("true")
        boolean autoDecide();
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

        /**
         * Calibration on matured leads: an expected calibration error (the row-weighted mean of |observed - predicted|
         * over the score deciles) at or above this is an alert.
         */
        @WithDefault("0.05")
        double alertCalibrationError();

        /** At most this many matured leads (the newest) are scored for the calibration check. */
        @WithDefault("5000")
        int calibrationMaxLeads();
    }

    /** Features folded from the feature store (crm.scoring.features.*). */
    interface Features {
        /**
         * agent_load counts the leads assigned to the lead's agent within this period before the cutoff: long enough
         * to see a backlog, short enough that last quarter's leads (long answered) do not count.
         */
        @WithDefault("P30D")
        Duration agentLoadWindow();
    }

    /** The scheduled drift check and retraining of every tenant (crm.scoring.schedule.*). */
    interface Schedule {
        /** Whether this instance looks for due checks (the tick); off in tests, which run checks themselves. */
        @WithDefault("true")
        boolean enabled();

        /** How often an instance looks for due checks. */
        @WithDefault("1m")
        String every();

        /** When checks are due (Quartz cron, UTC), unless a tenant set its own: Mondays at 03:00. */
        @WithDefault("0 0 3 ? * MON")
        String cron();

        /** always (weekly training), on-drift (only after a drift or calibration alert) or never. */
        @WithDefault("always")
        String retrain();

        /** Whether a retrained eligible model starts an A/B test against the champion, or is only proposed. */
        @WithDefault("true")
        boolean startAbTest();

        /** A check an instance claimed but did not finish (it crashed) is due again after this. */
        @WithDefault("PT30M")
        Duration retryAfter();
    }
}
