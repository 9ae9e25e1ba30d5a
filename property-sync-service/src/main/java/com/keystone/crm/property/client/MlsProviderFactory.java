package com.keystone.crm.property.client;

/** Makes the client for a provider's protocol. */
public interface MlsProviderFactory {
    MlsProvider open(ProviderSettings settings);
}
