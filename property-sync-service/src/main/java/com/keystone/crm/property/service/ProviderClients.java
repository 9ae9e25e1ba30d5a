package com.keystone.crm.property.service;

import com.keystone.crm.property.client.MlsProvider;
import com.keystone.crm.property.client.MlsProviderFactory;
import com.keystone.crm.property.client.ProviderSettings;
import com.keystone.crm.property.client.ProviderUsage;
import com.keystone.crm.property.domain.Provider;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open client per provider, shared by the sync and the photo workers so that the provider's request budget and
 * media quota (kept inside the client) cover both. A provider edited through the API gets a new client.
 * Secrets are the provider's stored credentials (decrypted here, in memory only while the client is opened), or come
 * from configuration by its credentials reference: crm.mls.credentials.&lt;ref&gt;.username, .password and (RETS)
 * .ua-password.
 */
@ApplicationScoped
public class ProviderClients {
    private final Instance<MlsProviderFactory> factory;
    private final Config config;
    private final Map<UUID, Opened> open = new ConcurrentHashMap<>();

    private record Opened(long version, MlsProvider client) {
    }

    private final ProviderCredentials credentials;

    public ProviderClients(Instance<MlsProviderFactory> factory, Config config, ProviderCredentials credentials) {
        this.credentials = credentials;
        this.factory = factory;
        this.config = config;
    }

    public MlsProvider client(Provider p) {
        Opened current = open.compute(p.id, (id, old) -> {
            if (old != null && old.version == p.version) {
                return old;
            }
            if (old != null) {
                closeQuietly(old.client);
            }
            if (!factory.isResolvable()) {
                throw new IllegalStateException("no MLS client implementation is installed");
            }
            return new Opened(p.version, factory.get().open(settings(p)));
        });
        return current.client;
    }

    /** Usage of the open client, if the provider has one on this instance. */
    public Optional<ProviderUsage> usage(UUID providerId) {
        Opened o = open.get(providerId);
        if (o == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(o.client.usage());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public void forget(UUID providerId) {
        Opened o = open.remove(providerId);
        if (o != null) {
            closeQuietly(o.client);
        }
    }

    /** Is the credentials reference configured? */
    public boolean credentialsKnown(String ref) {
        return secret(ref, "username").isPresent();
    }

    /** Settings with the secrets: stored ones decrypted (SecretUnavailableException when they cannot be), else config. */
    ProviderSettings settings(Provider p) {
        MlsCredentials c;
        if (ProviderCredentials.stored(p)) {
            c = credentials.open(p);
        } else {
            String ref = p.credentialsRef;
            c = new MlsCredentials(secret(ref, "username").orElse(null), secret(ref, "password").orElse(null),
                    secret(ref, "ua-password").orElse(null));
        }
        return new ProviderSettings(p.id.toString(), p.protocol, p.url, p.tokenUrl,
                c.username(), c.password(), p.userAgent, c.uaPassword(), p.retsVersion, p.usePost, p.resource, p.searchClasses,
                p.format, p.fieldMap == null ? Map.of() : Map.copyOf(p.fieldMap), ZoneId.of(p.serverZone),
                p.pageSize, p.requestsPerSecond, p.mediaPerHour, Duration.ofMillis(p.requestTimeoutMs), p.charset);
    }

    private Optional<String> secret(String ref, String name) {
        return config.getOptionalValue("crm.mls.credentials.\"" + ref + "\"." + name, String.class)
                .or(() -> config.getOptionalValue("crm.mls.credentials." + ref + "." + name, String.class));
    }

    void closeAll(@Observes ShutdownEvent event) {
        open.values().forEach(o -> closeQuietly(o.client));
        open.clear();
    }

    private static void closeQuietly(MlsProvider client) {
        try {
            client.close();
        } catch (RuntimeException ignored) {
            // a logout that fails changes nothing for us
        }
    }
}
