package com.keystone.crm.lead.importing.rest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Production sizes for {@link LeadImportBench} (the test profile shrinks the file limit and the chunks), and no
 * coverage instrumentation, which would slow the code being measured; outbox gauges sampled every second.
 */
public class LeadImportBenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "%test.crm.import.max-file-bytes", "67108864",
                "%test.crm.import.chunk-bytes", "1048576",
                "quarkus.jacoco.enabled", "false",
                // the outbox gauges the benchmark reads, sampled every second instead of every 15
                "crm.outbox.metrics-every", "1s",
                "%test.quarkus.log.category.\"com.keystone.crm.lead.importing.service.LeadImportRunner\".level", "DEBUG");
    }
}
