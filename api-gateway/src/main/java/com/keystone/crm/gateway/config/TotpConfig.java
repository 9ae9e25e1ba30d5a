package com.keystone.crm.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/**
 * Encryption of TOTP secrets at rest (AES-256-GCM): the keys by id ({@code crm.totp.keys.<id>}, base64 of 32 random
 * bytes; env {@code CRM_TOTP_KEYS_<ID>}) and the id that encrypts new and re-encrypted secrets
 * ({@code crm.totp.active-key}). Older keys stay listed until no row names them (README "TOTP secrets").
 */
@ConfigMapping(prefix = "crm.totp")
public interface TotpConfig {
    Map<String, String> keys();

    String activeKey();

    /** How many recovery codes a user gets per generation. */
    @WithDefault("10")
    int recoveryCodes();
}
