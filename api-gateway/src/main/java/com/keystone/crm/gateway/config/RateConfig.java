package com.keystone.crm.gateway.config;

import io.smallrye.config.ConfigMapping;

/** Rate limits of proxied requests per user and per client address. */
@ConfigMapping(prefix = "crm.rate")
public interface RateConfig {
    int perUserPerMinute();

    int perIpPerMinute();
}
