package com.keystone.crm.property.service;

import com.keystone.crm.property.client.ProviderUsage;

import java.time.Instant;
import java.util.List;

/** What the sync dashboard shows, per provider of the tenant. */
public record DashboardView(Instant generatedAt, List<ProviderStatus> providers) {

    public record ProviderStatus(String id, String name, String protocol, boolean enabled, Instant watermark,
                                 Long lagSeconds, Instant nextRunAt, Instant lastReconciledAt, SyncRunView lastRun,
                                 SyncRunView runningRun, long photoBacklog, long photosCopied, long listings,
                                 ProviderUsage usage, List<ErrorCount> errors) {
    }

    /** Errors of the last 24 hours by code, with the server's latest raw message. */
    public record ErrorCount(String code, long count, Instant lastAt, String lastMessage) {
    }
}
