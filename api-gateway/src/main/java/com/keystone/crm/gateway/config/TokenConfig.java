package com.keystone.crm.gateway.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Access and refresh token lifetimes, issuer/audience and signing-key rotation. */
@ConfigMapping(prefix = "crm.tokens")
public interface TokenConfig {
    String issuer();

    String audience();

    Duration accessTtl();

    Duration refreshTtl();

    Duration rotateEvery();

    Duration rotationGrace();
}
