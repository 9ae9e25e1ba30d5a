package com.keystone.crm.property.service;

import com.keystone.crm.property.domain.Provider;

import java.time.Instant;
import java.util.Map;

/**
 * A provider as the admin API shows it: settings and sync state, never a secret. credentialsStored/credentialsUpdatedAt
 * say that credentials were given through the API and when (their values are write-only).
 */
public record ProviderView(String id, String name, String protocol, String url, String tokenUrl, String credentialsRef,
                           boolean credentialsStored, Instant credentialsUpdatedAt,
                           String userAgent, String retsVersion, boolean usePost, String resource,
                           String searchClasses, String format, Map<String, String> fieldMap, String serverZone,
                           String charset, int pageSize, double requestsPerSecond, int mediaPerHour, int requestTimeoutMs,
                           String cron, long reconcileEverySeconds, boolean enabled, Instant watermark,
                           Instant lastReconciledAt, Instant nextRunAt, boolean syncing, long version,
                           Instant createdAt, Instant updatedAt) {
    /** The provider as the API shows it; {@code now} tells whether its sync lease is still held. */
    public static ProviderView of(Provider p, Instant now) {
        boolean syncing = p.leaseOwner != null && p.leaseExpiresAt != null && p.leaseExpiresAt.isAfter(now);
        return new ProviderView(p.id.toString(), p.name, p.protocol, p.url, p.tokenUrl, p.credentialsRef,
                ProviderCredentials.stored(p), p.secretUpdatedAt, p.userAgent,
                p.retsVersion, p.usePost, p.resource, p.searchClasses, p.format, p.fieldMap, p.serverZone, p.charset, p.pageSize,
                p.requestsPerSecond, p.mediaPerHour, p.requestTimeoutMs, p.cron, p.reconcileEverySeconds, p.enabled,
                p.watermark, p.lastReconciledAt, p.nextRunAt, syncing, p.version, p.createdAt, p.updatedAt);
    }

    public String etag() {
        return Long.toString(version);
    }
}
