package com.keystone.crm.property.e2e;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Production settings for {@link PropertySyncBench}: no coverage instrumentation, production worker polling. */
public class PropertySyncBenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.jacoco.enabled", "false",
                "%test.crm.media.poll-interval", "PT2S",
                "%test.crm.sync.poll-interval", "PT10S");
    }
}
