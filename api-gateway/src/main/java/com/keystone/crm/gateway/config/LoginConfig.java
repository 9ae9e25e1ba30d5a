package com.keystone.crm.gateway.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Login throttling: failures per e-mail before a temporary lockout, attempts per client address. */
@ConfigMapping(prefix = "crm.login")
public interface LoginConfig {
    int maxFailures();

    Duration lockout();

    int attemptsPerIpPerMinute();
}
