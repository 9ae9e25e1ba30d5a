package com.keystone.crm.property.client;

import com.keystone.crm.property.client.http.HttpPolicy;
import com.keystone.crm.property.client.http.Waiter;
import com.keystone.crm.property.client.rets.RetsClient;
import com.keystone.crm.property.client.reso.ResoClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/** Opens the RETS or RESO Web API client for a provider's protocol, with the HTTP policy its settings imply. */
@ApplicationScoped
public class DefaultMlsProviderFactory implements MlsProviderFactory {

    @Override
    public MlsProvider open(ProviderSettings settings) {
        return open(settings, HttpPolicy.from(settings));
    }

    /** With an explicit policy (tests and benchmarks shorten backoffs and breaker delays). */
    public MlsProvider open(ProviderSettings settings, HttpPolicy policy) {
        String protocol = settings.protocol() == null ? "" : settings.protocol().toLowerCase(Locale.ROOT);
        return switch (protocol) {
            case "rets" -> new RetsClient(settings, policy, Waiter.SYSTEM);
            case "reso-web-api", "reso" -> new ResoClient(settings, policy, Waiter.SYSTEM);
            default -> throw new IllegalArgumentException("unknown MLS protocol '" + settings.protocol() + "' (rets or reso-web-api)");
        };
    }
}
