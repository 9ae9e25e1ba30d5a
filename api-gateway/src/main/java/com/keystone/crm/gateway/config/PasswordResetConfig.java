package com.keystone.crm.gateway.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Password reset links: where they point (the token is appended) and how long they are good. */
@ConfigMapping(prefix = "crm.password-reset")
public interface PasswordResetConfig {
    String linkBase();

    Duration ttl();
}
