package com.keystone.crm.platform.chassis.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.inject.Singleton;

/**
 * Publishes the HTTP server timer as a percentile histogram ({@code http_server_requests_seconds_bucket}), so
 * latency percentiles can be aggregated across instances in Prometheus (client-side percentiles cannot).
 */
@Singleton
public class HttpServerHistograms implements MeterFilter {
    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
            return config;
        }
        return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
    }
}
