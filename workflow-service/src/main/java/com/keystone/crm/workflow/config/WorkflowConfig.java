package com.keystone.crm.workflow.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** workflow-service settings ({@code crm.workflow.*}). */
@ConfigMapping(prefix = "crm.workflow")
public interface WorkflowConfig {
    Worker worker();

    Sweep sweep();

    /** notification-service, which the dry run asks when its messages would go out (quiet hours are its rule). */
    Notification notification();

    /** Seed the template workflows (drafts) for a tenant when its first lead arrives. */
    @WithDefault("true")
    boolean seedTemplates();

    interface Worker {
        /** false on instances that only serve the API. */
        @WithDefault("true")
        boolean enabled();

        /** How often each slot looks for due timers when nothing woke it. */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** Worker threads of this instance; each claims a batch of due enrollments at a time. */
        @WithDefault("2")
        int slots();

        /**
         * Due enrollments one claim takes (locked and leased together) and runs in one transaction: fewer round trips
         * and commits per step. A failing batch is run again one enrollment per transaction.
         */
        @WithDefault("100")
        int batchSize();

        /** How long a claim holds an enrollment; a crashed worker's enrollment is claimable after it. */
        @WithDefault("PT30S")
        Duration lease();

        /** Steps run per claim before the enrollment is handed back (no step graph loops, this is a safety net). */
        @WithDefault("200")
        int maxStepsPerClaim();

        @WithDefault("PT10S")
        Duration stopGrace();
    }

    /** Recurring segment sweeps (trigger type schedule). */
    interface Sweep {
        /** false on instances that only serve the API. */
        @WithDefault("true")
        boolean enabled();

        /** How often the sweeper opens due windows and looks for a sweep to walk. */
        @WithDefault("PT30S")
        Duration pollInterval();

        /** How long a claim holds a sweep; a crashed sweeper's sweep resumes from its cursor after it. */
        @WithDefault("PT60S")
        Duration lease();

        /** Leads considered per transaction (the cursor moves with each batch). */
        @WithDefault("200")
        int batchSize();
    }

    interface Notification {
        /** Its base URL (inside the cluster, not through the gateway). */
        @WithDefault("http://localhost:8085")
        java.net.URI url();

        /** How long a dry run waits for its answer before showing the times unadjusted. */
        @WithDefault("PT2S")
        Duration timeout();
    }
}
