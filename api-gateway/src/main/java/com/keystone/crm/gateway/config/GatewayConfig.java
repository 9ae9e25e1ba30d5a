package com.keystone.crm.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The route table (path prefixes → owning service) and the proxy's protections. */
@ConfigMapping(prefix = "crm.gateway")
public interface GatewayConfig {
    Map<String, Upstream> services();

    Duration timeout();

    Duration connectTimeout();

    /** Extra attempts for GET/HEAD/OPTIONS/PUT/DELETE when the service cannot be reached or answers 502/503/504. */
    int idempotentRetries();

    Breaker breaker();

    long maxBodyBytes();

    interface Upstream {
        String url();

        List<String> prefixes();
    }

    interface Breaker {
        int maxFailures();

        Duration resetTimeout();

        @WithDefault("true")
        boolean enabled();
    }
}
