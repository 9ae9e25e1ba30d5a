package com.keystone.crm.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The profile of every test that talks to the services' real jars ({@link ServiceProcesses#shared}): one gateway
 * boot for them all, so the jars booted for the first are the ones the next finds (a profile change reloads the test
 * classes, and with them what they started). No rate limit in the way of the fuzz's few thousand requests from one
 * user, bodies up to 1 MiB, and a timeout a cold service on a busy machine meets.
 */
public class RealServicesProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("crm.rate.per-user-per-minute", "1000000", "crm.rate.per-ip-per-minute", "1000000",
                "crm.gateway.max-body-bytes", "1048576", "crm.gateway.timeout", "PT30S");
    }
}
