package com.keystone.crm.gateway.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The first tenant and its first admin, created at start when that tenant has no user yet. */
@ConfigMapping(prefix = "crm.bootstrap")
public interface BootstrapConfig {
    Optional<String> tenantId();

    Optional<String> tenantName();

    Optional<String> adminEmail();

    Optional<String> adminPassword();
}
