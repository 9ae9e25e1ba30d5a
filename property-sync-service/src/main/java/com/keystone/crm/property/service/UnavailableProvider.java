package com.keystone.crm.property.service;

import com.keystone.crm.property.client.ListingSink;
import com.keystone.crm.property.client.MediaContent;
import com.keystone.crm.property.client.MlsException;
import com.keystone.crm.property.client.MlsMedia;
import com.keystone.crm.property.client.MlsProvider;
import com.keystone.crm.property.client.ProviderUsage;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Stands for a provider whose client could not be opened (bad settings): every call fails with the reason. */
final class UnavailableProvider implements MlsProvider {
    private final RuntimeException cause;

    UnavailableProvider(RuntimeException cause) {
        this.cause = cause;
    }

    private MlsException failure() {
        return new MlsException(MlsException.Kind.REJECTED, null, null, "client not opened: " + cause.getMessage(), cause);
    }

    @Override
    public String protocol() {
        return "unknown";
    }

    @Override
    public void listingsModifiedSince(Instant since, ListingSink sink) {
        throw failure();
    }

    @Override
    public void listingKeys(Consumer<String> sink) {
        throw failure();
    }

    @Override
    public List<MlsMedia> media(String listingKey) {
        throw failure();
    }

    @Override
    public MediaContent openMedia(MlsMedia media) {
        throw failure();
    }

    @Override
    public ProviderUsage usage() {
        return null;
    }

    @Override
    public void close() {
        // nothing was opened
    }
}
