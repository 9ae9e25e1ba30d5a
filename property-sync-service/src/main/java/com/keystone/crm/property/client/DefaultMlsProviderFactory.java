package com.keystone.crm.property.client;

import com.keystone.crm.property.client.http.HttpPolicy;
import com.keystone.crm.property.client.http.RequestGate;
import com.keystone.crm.property.client.http.Waiter;
import com.keystone.crm.property.client.rets.RetsClient;
import com.keystone.crm.property.client.reso.ResoClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens the RETS or RESO Web API client for a provider's protocol, with the HTTP policy its settings imply. Keeps
 * one request gate per provider id for the life of the application, so every client opened for a provider (a
 * reopened one after a settings change, or several at once) shares its budget and waits out the same 429 pause.
 */
@ApplicationScoped
public class DefaultMlsProviderFactory implements MlsProviderFactory {

    private final Map<String, RequestGate> gates = new ConcurrentHashMap<>();
    private final Waiter waiter = Waiter.SYSTEM;

    @Override
    public MlsProvider open(ProviderSettings settings) {
        return open(settings, HttpPolicy.from(settings));
    }

    /** With an explicit policy (tests and benchmarks shorten backoffs and breaker delays). */
    public MlsProvider open(ProviderSettings settings, HttpPolicy policy) {
        String protocol = settings.protocol() == null ? "" : settings.protocol().toLowerCase(Locale.ROOT);
        if (!protocol.equals("rets") && !protocol.equals("reso-web-api") && !protocol.equals("reso")) {
            throw new IllegalArgumentException("unknown MLS protocol '" + settings.protocol() + "' (rets or reso-web-api)");
        }
        RequestGate gate = gate(settings.providerId(), policy);
        return protocol.equals("rets") ? new RetsClient(settings, policy, waiter, gate) : new ResoClient(settings, policy, waiter, gate);
    }

    /** The provider's gate, rebuilt (keeping a running pause) when its limits changed. */
    RequestGate gate(String providerId, HttpPolicy policy) {
        String key = providerId == null ? "" : providerId;
        return gates.compute(key, (id, old) -> {
            if (old == null) {
                return new RequestGate(policy.requestsPerSecond(), policy.mediaPerHour(), waiter);
            }
            return old.hasLimits(policy.requestsPerSecond(), policy.mediaPerHour())
                    ? old : old.withLimits(policy.requestsPerSecond(), policy.mediaPerHour());
        });
    }
}
